/**
 * Throughput of a user strategy in the sandbox: the MovingAverage strategy file
 * (packages/engine/examples/moving-average.strategy.ts) compiled and run in QuickJS with bars in
 * batches, beside the built-in MovingAverage through the same TradingSession and PaperBroker, and
 * the same file one bar per sandbox call (why batches). Goal: the sandboxed file >= 500,000
 * bars/s on one core. Prints a RESULTS.md section.
 * Run alone: `npx tsx src/sandbox-moving-average.ts` (from tooling/bench); `pnpm bench` runs all.
 */
import { readFileSync } from 'node:fs';
import {
  BarCursor,
  type BarSeries,
  createBarSeries,
  createStrategy,
  PaperBroker,
  SeededRandom,
  type Strategy,
  TradingSession,
} from '@tradewind/engine';
import { compileStrategySource, sandboxedStrategyDefinition } from '@tradewind/sandbox';
import { formatNumber } from './stats.ts';

const BAR_COUNT = 300_000;
const PER_BAR_COUNT = 10_000;
const PARAMS = { fast: 10, slow: 30 };
const REPEATS = 3;

/** Seeded one-minute bars: a multiplicative random walk with small moves. */
function walk(count: number): BarSeries {
  const random = new SeededRandom(11);
  const bars = createBarSeries(count);
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close * (1 + (random.next() - 0.5) * 0.002);
    close = open * (1 + (random.next() - 0.5) * 0.01);
    bars.time[i] = 1_600_000_000_000 + i * 60_000;
    bars.open[i] = open;
    bars.high[i] = Math.max(open, close);
    bars.low[i] = Math.min(open, close);
    bars.close[i] = close;
    bars.volume[i] = 1000;
  }
  return bars;
}

/** The strategy through the session and paper broker, as runBacktest drives it; final equity. */
function session(bars: BarSeries, strategy: Strategy): { equity: number; fills: number } {
  const broker = new PaperBroker({ initialCash: 1_000_000, commissionRate: 0.001 });
  const trading = new TradingSession({
    venue: broker,
    strategies: { SIM: strategy },
    sizing: { type: 'fixed', quantity: 100 },
  });
  const cursor = new BarCursor();
  for (let i = 0; i < bars.length; i++) trading.onBar('SIM', cursor.load(bars, i));
  trading.close();
  return { equity: broker.equity(), fills: broker.fills.length };
}

function best(run: () => { equity: number; fills: number }) {
  let ms = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  let outcome = run();
  for (let round = 0; round < REPEATS; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    outcome = run();
    ms = Math.min(ms, performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { ms, cpuMs, ...outcome };
}

const source = readFileSync(
  new URL('../../../packages/engine/examples/moving-average.strategy.ts', import.meta.url),
  'utf8',
);
const compiled = await compileStrategySource(source);
const bars = walk(BAR_COUNT);
const perBarBars = walk(PER_BAR_COUNT);
const batched = await sandboxedStrategyDefinition(compiled, { barsAhead: { SIM: bars } });
const perBar = await sandboxedStrategyDefinition(compiled);

const builtIn = best(() => session(bars, createStrategy('MovingAverage', PARAMS)));
const sandboxed = best(() => {
  const outcome = session(bars, batched.create(PARAMS));
  batched.dispose();
  return outcome;
});
const oneByOne = best(() => {
  const outcome = session(perBarBars, perBar.create(PARAMS));
  perBar.dispose();
  return outcome;
});
if (sandboxed.equity !== builtIn.equity || sandboxed.fills !== builtIn.fills) {
  throw new Error(
    `sandboxed ${sandboxed.equity}/${sandboxed.fills} != built-in ${builtIn.equity}/${builtIn.fills}`,
  );
}

const rate = (count: number, ms: number) => formatNumber((count / ms) * 1000);
console.log(
  `## User strategy in the sandbox: MovingAverage(${PARAMS.fast}, ${PARAMS.slow}) as a strategy file in QuickJS vs the built-in\n`,
);
console.log('| path | bars | best of 3 (wall) | bars/s (wall) | best CPU time | bars/s (CPU) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [label, count, sample] of [
  ['built-in MovingAverage, TradingSession + PaperBroker', BAR_COUNT, builtIn],
  ['**strategy file in the sandbox, batches of 10,000 bars**', BAR_COUNT, sandboxed],
  ['strategy file in the sandbox, one bar per call (live-bot mode)', PER_BAR_COUNT, oneByOne],
] as const) {
  console.log(
    `| ${label} | ${formatNumber(count)} | ${sample.ms.toFixed(1)} ms | ${rate(count, sample.ms)} | ${sample.cpuMs.toFixed(1)} ms | ${rate(count, sample.cpuMs)} |`,
  );
}
console.log(
  `\nThe sandboxed run ends at the built-in's final equity with the same ${formatNumber(builtIn.fills)} fills (checked). ` +
    'A batch stops at the first bar that orders, so each order costs one extra sandbox call; ' +
    'goal: the batched sandbox >= 500,000 bars/s on one core.',
);
