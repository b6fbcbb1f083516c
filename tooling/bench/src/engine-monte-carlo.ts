/**
 * Wall time of the engine's Monte Carlo: 1,000 bootstrap runs over 1,000 trades (one million
 * resampled trades), best of 9 after a warm-up. Prints a RESULTS.md section.
 */
import { runMonteCarlo, SeededRandom } from '@tradewind/engine';
import { formatNumber, summarize } from './stats.ts';

const RUNS = 1000;
const TRADES = 1000;
const REPEATS = 9;

const random = new SeededRandom(7);
const tradePnls = Array.from({ length: TRADES }, () => random.nextGaussian() * 100 + 5);
const run = () => runMonteCarlo({ tradePnls, initialCash: 10_000, runs: RUNS, seed: 1 });

run();
const times: number[] = [];
let result = run();
for (let i = 0; i < REPEATS; i++) {
  const start = performance.now();
  result = run();
  times.push(performance.now() - start);
}
const { min, median, max } = summarize(times);
console.log(`## Monte Carlo: ${formatNumber(RUNS)} runs x ${formatNumber(TRADES)} trades\n`);
console.log('| min | median | max | p50 final equity | probability of loss |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
console.log(
  `| ${min.toFixed(1)} ms | ${median.toFixed(1)} ms | ${max.toFixed(1)} ms | ${formatNumber(result.finalEquity.p50, 2)} | ${result.probabilityOfLoss.toFixed(3)} |`,
);
console.log(
  '\nSeeded bootstrap resampling with percentile bands of final equity and max drawdown.',
);
