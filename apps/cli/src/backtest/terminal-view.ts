import type { MonteCarloResult, PerformanceMetrics, WalkForwardResult } from '@tradewind/engine';
import asciichart from 'asciichart';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatSignedMoney,
  renderFacts,
  renderTable,
} from '../output.ts';
import type { BacktestOutcome } from './backtest-request.ts';
import { formatBarTime } from './bar-time.ts';
import { assumptionRows, periodText, rejectionRows, riskRows } from './outcome-facts.ts';

const CHART_HEIGHT = 12;
// The y labels and the axis take about this many columns.
const CHART_LABEL_WIDTH = 14;

/** The whole screen after a run: facts, metrics, the equity chart, Monte Carlo, walk-forward. */
export function renderBacktestSummary(outcome: BacktestOutcome, columns: number): string {
  const { result, source } = outcome;
  const params = Object.entries(result.strategy.params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  const parts = [
    renderFacts([
      ['strategy', `${result.strategy.name} ${params}`.trim()],
      ['data', `${source.file} (${formatNumber(source.bars)} bars)`],
      ['period', periodText(outcome.period)],
    ]),
    renderFacts(metricRows(result.metrics)),
    renderFacts(assumptionRows(outcome.assumptions)),
    renderFacts(rejectionRows(outcome.rejections)),
    ...(result.riskEvents.length > 0 ? [renderFacts(riskRows(result.riskEvents))] : []),
    `Equity\n${renderChart(result.equityCurve.equity, columns)}\n`,
  ];
  if (result.monteCarlo !== null) parts.push(renderMonteCarlo(result.monteCarlo));
  if (outcome.walkForward !== null) parts.push(renderWalkForward(outcome.walkForward));
  return parts.join('\n');
}

/** The metrics a person reads first, formatted. */
export function metricRows(metrics: PerformanceMetrics): Array<[string, string]> {
  const ratio = (value: number | null) => (value === null ? '-' : value.toFixed(2));
  return [
    ['initial cash', formatMoney(metrics.initialCash)],
    ['final equity', formatMoney(metrics.finalEquity)],
    ['pnl', formatSignedMoney(metrics.pnl)],
    ['total return', formatPercent(metrics.totalReturn)],
    ['annualized return', formatPercent(metrics.annualizedReturn)],
    ['max drawdown', formatPercent(metrics.maxDrawdown)],
    ['sharpe', ratio(metrics.sharpeRatio)],
    ['sortino', ratio(metrics.sortinoRatio)],
    ['calmar', ratio(metrics.calmarRatio)],
    ['closed trades', formatNumber(metrics.totalTrades)],
    ['win rate', formatPercent(metrics.winRate)],
    ['profit factor', ratio(metrics.profitFactor)],
    ['fees', formatMoney(metrics.totalFees)],
  ];
}

/** A line chart of `values`, averaged down to fit the terminal's width. */
export function renderChart(values: readonly number[], columns: number): string {
  const width = Math.max(10, Math.min(columns - CHART_LABEL_WIDTH, 120));
  const points = downsample(values, width);
  if (points.length === 0) return '(no data)';
  return asciichart.plot(points, {
    height: CHART_HEIGHT,
    format: (value: number) => formatMoney(value).padStart(CHART_LABEL_WIDTH - 2),
  });
}

/** At most `count` points: the mean of each of `count` equal slices (all points if fewer). */
export function downsample(values: readonly number[], count: number): number[] {
  if (values.length <= count) return [...values];
  const points: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * values.length) / count);
    const to = Math.floor(((i + 1) * values.length) / count);
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[k] as number;
    points.push(sum / (to - from));
  }
  return points;
}

function renderMonteCarlo(monteCarlo: MonteCarloResult): string {
  const head = ['', 'p5', 'p25', 'p50', 'p75', 'p95'];
  const bands = (
    label: string,
    values: MonteCarloResult['finalEquity'],
    format: (x: number) => string,
  ) => [
    label,
    format(values.p5),
    format(values.p25),
    format(values.p50),
    format(values.p75),
    format(values.p95),
  ];
  return `Monte Carlo: ${formatNumber(monteCarlo.runs)} runs of ${formatNumber(monteCarlo.tradesPerRun)} trades (seed ${monteCarlo.seed}), probability of loss ${formatPercent(monteCarlo.probabilityOfLoss)}\n${renderTable(
    head,
    [
      bands('final equity', monteCarlo.finalEquity, formatMoney),
      bands('max drawdown', monteCarlo.maxDrawdown, formatPercent),
    ],
    'no trades to resample',
  )}`;
}

function renderWalkForward(walkForward: WalkForwardResult): string {
  const rows = walkForward.windows.map((window) => [
    String(window.index + 1),
    `${formatBarTime(window.outOfSample.startTime)} .. ${formatBarTime(window.outOfSample.endTime)}`,
    Object.entries(window.params)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' '),
    formatPercent(window.inSampleMetrics.totalReturn),
    formatPercent(window.outOfSampleMetrics.totalReturn),
    formatNumber(window.outOfSampleMetrics.totalTrades),
  ]);
  const total = walkForward.outOfSampleMetrics;
  return `Walk-forward: ${walkForward.window}-bar in-sample windows, ${walkForward.outOfSample}-bar out-of-sample, optimised on ${walkForward.optimizeFor} over ${walkForward.combinations} combination(s)\n${renderTable(
    ['#', 'out-of-sample', 'params', 'in-sample return', 'out-of-sample return', 'trades'],
    rows,
    'no windows',
  )}Out-of-sample overall: return ${formatPercent(total.totalReturn)}, max drawdown ${formatPercent(total.maxDrawdown)}, ${formatNumber(total.totalTrades)} trades, final equity ${formatMoney(total.finalEquity)}\n`;
}
