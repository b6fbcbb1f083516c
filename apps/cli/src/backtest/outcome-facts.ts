import type { BacktestAssumptions, BacktestPeriod, BacktestRejections } from '@tradewind/core';
import type { RiskEvent } from '@tradewind/engine';
import { formatNumber, formatPercent } from '../output.ts';
import { formatBarTime } from './bar-time.ts';

/** `1995-01-03 .. 2014-12-31 (5036 bars traded)`. */
export function periodText(period: BacktestPeriod | null): string {
  if (period === null) return 'no bars traded';
  return `${formatBarTime(period.startTime)} .. ${formatBarTime(period.endTime)} (${formatNumber(period.bars)} bars traded)`;
}

/** What the run assumed, for people: sizing, costs, annualisation, seed. */
export function assumptionRows(assumptions: BacktestAssumptions): Array<[string, string]> {
  const { sizing } = assumptions;
  return [
    [
      'sizing',
      sizing.type === 'fixed'
        ? `${formatNumber(sizing.quantity)} per entry`
        : `${formatNumber(sizing.percent)}% of equity per entry`,
    ],
    ['commission', `${formatPercent(assumptions.commission)} of notional per fill`],
    ['slippage', formatPercent(assumptions.slippage)],
    [
      'annualisation',
      `${formatNumber(Number(assumptions.periodsPerYear.toFixed(1)))} bars a year (${assumptions.periodsPerYearFrom === 'bars' ? 'observed in the bars' : 'given'})`,
    ],
    ['seed', String(assumptions.seed)],
  ];
}

/** How many orders were refused, then the first few with their reasons. */
export function rejectionRows(rejections: BacktestRejections | null): Array<[string, string]> {
  if (rejections === null) return [['rejected orders', 'not recorded']];
  const rows: Array<[string, string]> = [['rejected orders', formatNumber(rejections.total)]];
  for (const rejection of rejections.first) {
    rows.push([formatBarTime(rejection.time), rejection.message]);
  }
  if (rejections.total > rejections.first.length) {
    rows.push(['', `… and ${formatNumber(rejections.total - rejections.first.length)} more`]);
  }
  return rows;
}

/** What the risk rules did (none: no rows): how many times, then the first few. */
export function riskRows(events: readonly RiskEvent[]): Array<[string, string]> {
  if (events.length === 0) return [];
  const rows: Array<[string, string]> = [['risk events', formatNumber(events.length)]];
  for (const event of events.slice(0, 5)) rows.push([formatBarTime(event.time), event.message]);
  if (events.length > 5) rows.push(['', `… and ${formatNumber(events.length - 5)} more`]);
  return rows;
}
