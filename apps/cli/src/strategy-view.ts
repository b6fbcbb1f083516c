import type { TradewindOutputs } from '@tradewind/sdk';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatPrice,
  formatTimestamp,
  renderFacts,
  renderTable,
} from './output.ts';

/** How strategies, their signals, performance, history, templates and shares read for people. */

type Outputs = TradewindOutputs['strategies'];
export type Strategy = Outputs['create'];
export type StrategyDetail = Outputs['get'];
export type StrategyList = Outputs['list'];
type Signal = Outputs['signals'][number];
type Performance = Outputs['performance'];
type HistoryEvent = Outputs['history'][number];
type Template = Outputs['templates'][number];
type CategoryUsage = Outputs['categories'][number];
type Share = Outputs['shares'][number];

/** `fast=3 slow=8`, or `defaults` for none. */
export function parametersLabel(parameters: Strategy['parameters']): string {
  const pairs = Object.entries(parameters).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? 'defaults' : pairs.join(' ');
}

/** The fact sheet of one strategy. */
export function renderStrategyFacts(strategy: Strategy): string {
  return renderFacts([
    ['ID', String(strategy.id)],
    ['Name', strategy.name],
    ['Description', strategy.description ?? '-'],
    [
      'Status',
      strategy.botId === null ? strategy.status : `${strategy.status} (bot ${strategy.botId})`,
    ],
    ['Algorithm', `${strategy.algorithm} ${parametersLabel(strategy.parameters)}`],
    ['Category', strategy.category],
    ['Risk level', strategy.riskLevel],
    ['Symbols', strategy.symbols.join(', ')],
    ['Timeframe', strategy.timeframe],
    ['Tags', strategy.tags.join(', ') || '-'],
    ['Your permissions', strategy.permissions.join(', ')],
    ['Created', formatTimestamp(strategy.createdAt)],
    ['Updated', formatTimestamp(strategy.updatedAt)],
  ]);
}

/** One row per strategy, then the page line. */
export function renderStrategyList(list: StrategyList): string {
  const { page, pages, total } = list.pagination;
  const table = renderTable(
    ['ID', 'Name', 'Status', 'Algorithm', 'Category', 'Risk', 'Symbols', 'Timeframe', 'Tags'],
    list.items.map((strategy) => [
      String(strategy.id),
      strategy.name,
      strategy.status,
      strategy.algorithm,
      strategy.category,
      strategy.riskLevel,
      strategy.symbols.join(','),
      strategy.timeframe,
      strategy.tags.join(','),
    ]),
    'No strategies.',
  );
  return total === 0 ? table : `${table}Page ${page} of ${pages} (${total} strategies)\n`;
}

export function renderSignalTable(signals: readonly Signal[]): string {
  return renderTable(
    ['Time', 'Bot', 'Side', 'Symbol', 'Quantity', 'Price', 'Reason'],
    signals.map((signal) => [
      formatTimestamp(signal.timestamp),
      String(signal.botId),
      signal.side,
      signal.symbol,
      formatNumber(signal.quantity),
      formatPrice(signal.price),
      signal.reason,
    ]),
    'No signals yet.',
  );
}

const ratio = (value: number | null) => (value === null ? '-' : value.toFixed(2));

export function renderPerformance(performance: Performance): string {
  return renderFacts([
    [
      'Period',
      performance.since
        ? `${performance.period} (since ${formatTimestamp(performance.since)})`
        : 'all time',
    ],
    ['Bots', String(performance.bots)],
    ['Total return', formatPercent(performance.totalReturn)],
    ['Annualized return', formatPercent(performance.annualizedReturn)],
    ['Sharpe', ratio(performance.sharpeRatio)],
    ['Sortino', ratio(performance.sortinoRatio)],
    ['Calmar', ratio(performance.calmarRatio)],
    ['Max drawdown', formatPercent(performance.maxDrawdown)],
    ['Round trips', String(performance.totalTrades)],
    ['Win rate', formatPercent(performance.winRate)],
    ['Profit factor', ratio(performance.profitFactor)],
    ['Realized PnL', formatMoney(performance.realizedPnl)],
    ['Fees', formatMoney(performance.totalFees)],
  ]);
}

/** The strategy's facts, its all-time performance and its latest signals. */
export function renderStrategyDetail(detail: StrategyDetail): string {
  return [
    renderStrategyFacts(detail),
    'Performance\n',
    renderPerformance(detail.performance),
    'Recent signals\n',
    renderSignalTable(detail.recentSignals),
  ].join('');
}

export function renderHistoryTable(events: readonly HistoryEvent[]): string {
  return renderTable(
    ['Time', 'Event', 'By', 'Details'],
    events.map((event) => [
      formatTimestamp(event.createdAt),
      event.type,
      event.actorId ?? '-',
      JSON.stringify(event.details),
    ]),
    'No events.',
  );
}

export function renderTemplateTable(templates: readonly Template[]): string {
  return renderTable(
    ['ID', 'Name', 'Algorithm', 'Parameters', 'Category', 'Risk', 'Timeframe'],
    templates.map((template) => [
      template.id,
      template.name,
      template.algorithm,
      parametersLabel(template.parameters),
      template.category,
      template.riskLevel,
      template.timeframe,
    ]),
    'No templates match.',
  );
}

export function renderCategoryTable(categories: readonly CategoryUsage[]): string {
  return renderTable(
    ['Category', 'Algorithms', 'Strategies', 'Active', 'Templates'],
    categories.map((row) => [
      row.category,
      row.algorithms.join(', '),
      String(row.strategies),
      String(row.active),
      String(row.templates),
    ]),
    'No categories.',
  );
}

export function renderShareTable(shares: readonly Share[]): string {
  return renderTable(
    ['User', 'Permissions', 'Since'],
    shares.map((share) => [
      share.email,
      share.permissions.join(', '),
      formatTimestamp(share.grantedAt),
    ]),
    'Not shared with anyone.',
  );
}
