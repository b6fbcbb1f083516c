import type { Balances } from 'ccxt';
import type { ExchangeBalance } from '../venue-types.ts';

/** ccxt's balance structure as rows per currency (non-zero ones), sorted by currency. */
export function balanceRows(balance: Balances): ExchangeBalance[] {
  const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
  const free = (balance.free ?? {}) as unknown as Record<string, number | undefined>;
  const used = (balance.used ?? {}) as unknown as Record<string, number | undefined>;
  return Object.keys(totals)
    .map((currency) => ({
      currency,
      free: Number(free[currency] ?? 0),
      used: Number(used[currency] ?? 0),
      total: Number(totals[currency] ?? 0),
    }))
    .filter((row) => row.total !== 0 || row.free !== 0 || row.used !== 0)
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
