import type { Exchange } from 'ccxt';
import type { KeyPermissions } from '../venue-types.ts';

type PermissionReader = (exchange: Exchange, balanceInfo: unknown) => Promise<KeyPermissions>;

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * Exchanges that say what a key may do. Binance's signed /api/v3/account (the balance call)
 * carries `canTrade` and `canWithdraw`; Bybit's /v5/user/query-api lists the key's scopes.
 */
const READERS: Record<string, PermissionReader> = {
  binance: async (_exchange, balanceInfo) => {
    const info = asRecord(balanceInfo);
    return {
      canRead: true,
      canTrade: info.canTrade !== false,
      canWithdraw: typeof info.canWithdraw === 'boolean' ? info.canWithdraw : null,
    };
  },
  bybit: async (exchange) => {
    const response = asRecord(await exchange.privateGetV5UserQueryApi());
    const result = asRecord(response.result);
    const scopes = Object.values(asRecord(result.permissions)).flat().map(String);
    return {
      canRead: true,
      canTrade: result.readOnly !== 1 && result.readOnly !== '1',
      canWithdraw: scopes.includes('Withdraw'),
    };
  },
};

/**
 * What the validated key may do. `canTrade` is false only when the exchange says so;
 * `canWithdraw` is null when the exchange does not say.
 */
export async function readKeyPermissions(
  exchange: Exchange,
  balanceInfo: unknown,
): Promise<KeyPermissions> {
  const reader = READERS[exchange.id];
  if (reader) return reader(exchange, balanceInfo);
  return { canRead: true, canTrade: true, canWithdraw: null };
}
