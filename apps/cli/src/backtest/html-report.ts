import type { MonteCarloResult, PercentileBands, WalkForwardResult } from '@tradewind/engine';
import { formatMoney, formatNumber, formatPercent, formatPrice } from '../output.ts';
import type { BacktestOutcome } from './backtest-request.ts';
import { formatBarTime } from './bar-time.ts';
import { assumptionRows, periodText, rejectionRows } from './outcome-facts.ts';
import { escapeHtml, svgLineChart } from './svg-line-chart.ts';
import { metricRows } from './terminal-view.ts';

/** Rows beyond this are summarised: a browser copes, a person does not read them. */
const MAX_TRADE_ROWS = 2000;

/**
 * The report as one HTML document that opens offline: styles inline, charts as inline SVG, no
 * script and no external resource.
 */
export function renderHtmlReport(outcome: BacktestOutcome, generatedAt: Date): string {
  const { result, source } = outcome;
  const params = Object.entries(result.strategy.params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  const title = `${result.strategy.name}(${params}) on ${source.symbol}`;
  const times = result.equityCurve.times;
  // Axis labels fall between bars: over more than a few days a date says enough.
  const spansDays = (times.at(-1) ?? 0) - (times[0] ?? 0) > 5 * 86_400_000;
  const axisTime = (time: number) =>
    spansDays ? new Date(time).toISOString().slice(0, 10) : formatBarTime(time);
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(source.file)} · ${formatNumber(source.bars)} bars · traded ${escapeHtml(periodText(outcome.period))} · generated ${escapeHtml(generatedAt.toISOString())}</p>`,
    section('Metrics', factTable(metricRows(result.metrics))),
    section('Assumptions', factTable(assumptionRows(outcome.assumptions), 'assumptions')),
    section('Rejected orders', factTable(rejectionRows(outcome.rejections), 'rejections')),
    section(
      'Equity',
      svgLineChart({
        id: 'equity-chart',
        title: 'Equity',
        times,
        values: result.equityCurve.equity,
        color: '#1f6feb',
        formatValue: (value) => formatMoney(value),
        formatTime: axisTime,
      }),
    ),
    section(
      'Drawdown',
      svgLineChart({
        id: 'drawdown-chart',
        title: 'Drawdown',
        times,
        values: result.drawdownCurve,
        color: '#cf222e',
        formatValue: (value) => formatPercent(-value),
        formatTime: axisTime,
        fillTo: 0,
        inverted: true,
      }),
    ),
  ];
  if (result.monteCarlo !== null)
    sections.push(section('Monte Carlo', monteCarloTable(result.monteCarlo)));
  if (outcome.walkForward !== null) {
    sections.push(section('Walk-forward', walkForwardTable(outcome.walkForward)));
  }
  sections.push(
    section(`Trades (${formatNumber(result.closedTrades.length)} closed)`, tradesTable(outcome)),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Tradewind backtest</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #1f2328; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.meta { color: #59636e; margin-top: 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eaeef2; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.chart { width: 100%; height: auto; }
.chart text { font-size: 11px; fill: #59636e; }
.chart .grid { stroke: #eaeef2; }
.gain { color: #1a7f37; } .loss { color: #cf222e; }
</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}

function section(heading: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

function factTable(rows: ReadonlyArray<readonly [string, string]>, id = 'metrics'): string {
  const body = rows
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return `<table id="${id}">\n${body}\n</table>`;
}

function table(
  id: string,
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const header = head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table id="${id}">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function monteCarloTable(monteCarlo: MonteCarloResult): string {
  const bands = (label: string, values: PercentileBands, format: (value: number) => string) => [
    escapeHtml(label),
    ...[values.p5, values.p25, values.p50, values.p75, values.p95].map((value) =>
      escapeHtml(format(value)),
    ),
  ];
  return `<p>${formatNumber(monteCarlo.runs)} ${escapeHtml(monteCarlo.method)} runs of ${formatNumber(monteCarlo.tradesPerRun)} trades, seed ${monteCarlo.seed}; probability of loss <strong>${escapeHtml(formatPercent(monteCarlo.probabilityOfLoss))}</strong>.</p>
${table(
  'monte-carlo',
  ['', 'p5', 'p25', 'p50', 'p75', 'p95'],
  [
    bands('final equity', monteCarlo.finalEquity, (value) => formatMoney(value)),
    bands('max drawdown', monteCarlo.maxDrawdown, (value) => formatPercent(value)),
  ],
)}`;
}

function walkForwardTable(walkForward: WalkForwardResult): string {
  const total = walkForward.outOfSampleMetrics;
  const rows = walkForward.windows.map((window) => [
    String(window.index + 1),
    escapeHtml(
      `${formatBarTime(window.inSample.startTime)} .. ${formatBarTime(window.inSample.endTime)}`,
    ),
    escapeHtml(
      `${formatBarTime(window.outOfSample.startTime)} .. ${formatBarTime(window.outOfSample.endTime)}`,
    ),
    escapeHtml(
      Object.entries(window.params)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' '),
    ),
    escapeHtml(formatPercent(window.inSampleMetrics.totalReturn)),
    escapeHtml(formatPercent(window.outOfSampleMetrics.totalReturn)),
    formatNumber(window.outOfSampleMetrics.totalTrades),
  ]);
  return `<p>${walkForward.window}-bar in-sample windows, ${walkForward.outOfSample}-bar out-of-sample windows, optimised on ${escapeHtml(walkForward.optimizeFor)} over ${walkForward.combinations} combination(s). Out-of-sample overall: return ${escapeHtml(formatPercent(total.totalReturn))}, max drawdown ${escapeHtml(formatPercent(total.maxDrawdown))}, ${formatNumber(total.totalTrades)} trades.</p>
${table('walk-forward', ['#', 'in-sample', 'out-of-sample', 'params', 'in-sample return', 'out-of-sample return', 'trades'], rows)}`;
}

function tradesTable(outcome: BacktestOutcome): string {
  const trades = outcome.result.closedTrades;
  const shown = trades.slice(0, MAX_TRADE_ROWS);
  const rows = shown.map((trade, index) => [
    String(index + 1),
    escapeHtml(formatBarTime(trade.entryTime)),
    escapeHtml(formatBarTime(trade.exitTime)),
    escapeHtml(formatNumber(trade.quantity)),
    escapeHtml(formatPrice(trade.entryPrice)),
    escapeHtml(formatPrice(trade.exitPrice)),
    escapeHtml(formatMoney(trade.fees)),
    `<span class="${trade.pnl >= 0 ? 'gain' : 'loss'}">${escapeHtml(formatMoney(trade.pnl))}</span>`,
    escapeHtml(formatPercent(trade.returnPct)),
  ]);
  const more =
    trades.length > shown.length
      ? `<p>The first ${formatNumber(shown.length)} of ${formatNumber(trades.length)} trades; the JSON output (--json) has them all.</p>`
      : '';
  return `${table('trades', ['#', 'entry', 'exit', 'quantity', 'entry price', 'exit price', 'fees', 'pnl', 'return'], rows)}${more}`;
}
