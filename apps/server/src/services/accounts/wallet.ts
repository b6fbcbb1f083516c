import { type AuthenticatedPrincipal, PAPER_EXCHANGE, type WalletBalances } from '@tradewind/core';
import { userCurrency } from './account-access.ts';
import type { AccountDeps } from './account-deps.ts';
import { readExchangeBalances } from './account-sync.ts';
import { paperValuation } from './valuation.ts';

/**
 * Seed 003 wallet balances: every account's balances read now (paper ones from their ledger),
 * summed per exchange per currency, and valued in the user's currency with each exchange's own
 * tickers; each conversion says which pair, at what price and when. An account that cannot be
 * read is listed under `errors` and left out of the totals, rather than failing the whole wallet.
 */
export async function walletBalances(
  deps: AccountDeps,
  principal: AuthenticatedPrincipal,
): Promise<WalletBalances> {
  const currency = await userCurrency(deps, principal);
  const accounts = await deps.db.prisma.account.findMany({
    where: { userId: principal.userId },
    orderBy: { createdAt: 'asc' },
  });
  const now = deps.now();
  const read = await Promise.allSettled(
    accounts.map(async (account) => {
      if (account.exchange !== PAPER_EXCHANGE) return readExchangeBalances(deps, account, currency);
      const cash = account.balance?.toNumber() ?? 0;
      return {
        assets: [{ currency, free: cash, used: 0, total: cash }],
        valuation: paperValuation(cash, currency, now),
      };
    }),
  );
  const wallet: WalletBalances = {
    success: true,
    balances: {},
    currency,
    totalValue: 0,
    conversions: [],
    unpriced: [],
    errors: [],
    asOf: now.toISOString(),
  };
  read.forEach((result, index) => {
    const account = accounts[index];
    if (!account) return;
    const exchange = account.exchange;
    if (result.status === 'rejected') {
      const reason = result.reason as unknown;
      wallet.errors.push({
        accountId: account.id,
        exchange,
        message: reason instanceof Error ? reason.message : 'unreadable',
      });
      return;
    }
    const perCurrency = wallet.balances[exchange] ?? {};
    wallet.balances[exchange] = perCurrency;
    for (const asset of result.value.assets) {
      perCurrency[asset.currency] = (perCurrency[asset.currency] ?? 0) + asset.total;
    }
    wallet.totalValue += result.value.valuation.total;
    wallet.conversions.push(...result.value.valuation.conversions.map((c) => ({ exchange, ...c })));
    wallet.unpriced.push(...result.value.valuation.unpriced.map((u) => ({ exchange, ...u })));
  });
  return wallet;
}
