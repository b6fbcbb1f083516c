/**
 * The engine's CSV parser (`parseOhlcvSeries`: any layout, every row checked) beside a parser
 * hand-written for the one layout of the file (`backtest-hand-loop.mjs`, no checks), on the same
 * 300,000-bar daily text in memory; both must give the same columns. Target: the engine within
 * 1.5x of the hand parser. Prints a RESULTS.md section.
 * Run alone: `node --import tsx src/engine-csv-parse.ts` (from tooling/bench).
 */
import { parseOhlcv, parseOhlcvSeries } from '@tradewind/engine';
import { parseCsv } from './backtest-hand-loop.mjs';
import { dailyCsv } from './daily-csv.ts';
import { formatNumber } from './stats.ts';

const BARS = Number(process.env.BENCH_CSV_BARS ?? 300_000);
const REPEATS = 9;
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

const text = dailyCsv(BARS);
const candidates = [
  ['hand-written parser for this one layout', () => parseCsv(text)],
  ['**engine `parseOhlcvSeries` (any layout, every row checked)**', () => parseOhlcvSeries(text)],
  ['engine `parseOhlcv` (the same, as `Bar` objects)', () => parseOhlcv(text)],
] as const;

// Same input, same columns, or the comparison means nothing.
const hand = parseCsv(text);
const engine = parseOhlcvSeries(text);
for (const column of COLUMNS) {
  for (let i = 0; i < BARS; i++) {
    if (!Object.is(hand[column][i], engine[column][i])) {
      throw new Error(
        `${column}[${i}] differs: hand ${hand[column][i]}, engine ${engine[column][i]}`,
      );
    }
  }
}

const best = candidates.map(() => Number.POSITIVE_INFINITY);
for (let round = 0; round <= REPEATS; round++) {
  candidates.forEach(([, run], index) => {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    // Round 0 warms up.
    if (round > 0) best[index] = Math.min(best[index] as number, elapsed);
  });
}

const reference = best[0] as number;
console.log(
  `## CSV parsing: ${formatNumber(BARS)} daily bars (${(text.length / 2 ** 20).toFixed(1)} MiB of text)\n`,
);
console.log(`| parser | best of ${REPEATS} | bars/s | time / hand parser |`);
console.log('| --- | ---: | ---: | ---: |');
candidates.forEach(([label], index) => {
  const ms = best[index] as number;
  console.log(
    `| ${label} | ${ms.toFixed(1)} ms | ${formatNumber((BARS / ms) * 1000)} | ${(ms / reference).toFixed(2)}x |`,
  );
});
console.log(
  '\nBoth read the same text already in memory and give the same columns (checked, bit for bit). ' +
    'The hand parser knows the layout and checks nothing; the engine finds the columns from the ' +
    'header, trims cells, checks every row (numbers, dates, high/low, time order) and names the ' +
    'line of a bad one. Goal: the engine within 1.5x of the hand parser.',
);
