import type { TradewindOutputs } from '@tradewind/sdk';
import {
  formatMoney,
  formatNumber,
  formatSignedMoney,
  formatTimestamp,
  renderFacts,
  renderTable,
} from './output.ts';

type Account = TradewindOutputs['accounts']['get'];
type Valuation = NonNullable<Account['balances']['valuation']>;

function keysState(info: Account['accountInfo']): string {
  if (info.isPaper) return 'paper (no keys)';
  const verdict = info.keysValid === null ? 'not checked' : info.keysValid ? 'valid' : 'INVALID';
  return `${verdict}${info.keysCheckedAt ? ` at ${formatTimestamp(info.keysCheckedAt)}` : ''}`;
}

/** One line per account: id, name, exchange, keys, equity, last sync. */
export function renderAccountTable(accounts: readonly Account[]): string {
  return renderTable(
    ['ID', 'Name', 'Exchange', 'Keys', 'Balance', 'Equity', 'Synced'],
    accounts.map(({ accountInfo: info, balances }) => [
      info.id,
      info.name,
      `${info.exchange}${info.isTestnet ? ' (testnet)' : ''}`,
      keysState(info),
      `${formatMoney(balances.balance)} ${balances.currency ?? ''}`.trim(),
      `${formatMoney(balances.equity)} ${balances.currency ?? ''}`.trim(),
      formatTimestamp(balances.lastSyncAt, 'never'),
    ]),
    'No accounts. Add one with `tradewind accounts create binance --api-key <key> --api-secret-stdin`.',
  );
}

/** How a total was reached: each currency, the pair and price used, and when. */
export function renderConversions(
  conversions: ReadonlyArray<Valuation['conversions'][number] & { exchange?: string }>,
): string {
  return renderTable(
    ['Exchange', 'Currency', 'Amount', 'Pair', 'Price', 'Price time', 'Value'],
    conversions.map((conversion) => [
      conversion.exchange ?? '',
      conversion.currency,
      formatNumber(conversion.amount),
      conversion.pair ?? (conversion.note ? `1:1 (${conversion.note})` : '-'),
      formatNumber(conversion.price),
      formatTimestamp(conversion.priceTime),
      formatMoney(conversion.value),
    ]),
    'Nothing to value.',
  );
}

/** The account's facts, its assets and its positions. */
export function renderAccount(account: Account): string {
  const { accountInfo: info, balances, performance } = account;
  let text = renderFacts([
    ['ID', info.id],
    ['Name', info.name],
    ['Exchange', `${info.exchange}${info.isTestnet ? ' (testnet)' : ''}`],
    ['Keys', keysState(info)],
    ['Balance', `${formatMoney(balances.balance)} ${balances.currency ?? ''}`.trim()],
    ['Equity', `${formatMoney(balances.equity)} ${balances.currency ?? ''}`.trim()],
    ['PnL', formatSignedMoney(performance.pnl)],
    ['Last sync', formatTimestamp(balances.lastSyncAt, 'never')],
    ['Group', info.groupId ?? '-'],
    [
      'Used by',
      account.references.map((ref) => `bot ${ref.id} (${ref.name}, ${ref.status})`).join('\n') ||
        '-',
    ],
  ]);
  if (balances.assets.length > 0) {
    text += renderTable(
      ['Currency', 'Free', 'Used', 'Total'],
      balances.assets.map((asset) => [
        asset.currency,
        formatNumber(asset.free),
        formatNumber(asset.used),
        formatNumber(asset.total),
      ]),
      'No assets.',
    );
  }
  if (account.positions.length > 0) {
    text += renderTable(
      ['Bot', 'Symbol', 'Quantity', 'Average', 'Last', 'Unrealized'],
      account.positions.map((position) => [
        String(position.botId),
        position.symbol,
        formatNumber(position.quantity),
        formatNumber(position.averagePrice),
        formatNumber(position.lastPrice),
        formatSignedMoney(position.unrealizedPnl),
      ]),
      'No open positions.',
    );
  }
  return text;
}
