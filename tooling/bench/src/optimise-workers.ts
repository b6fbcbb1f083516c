/**
 * `tradewind optimize` on 1 and 2 worker threads, whole processes side by side (alternating
 * runs) on the same generated daily CSV: the same seeded TPE search, so both must print the same
 * ranking. Target: 2 workers >= 1.8x one worker on 2 cores. Prints a RESULTS.md section.
 * BENCH_OPTIMISE_BARS sets the file's size (default 100,000), BENCH_OPTIMISE_TRIALS the trials (32).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDailyCsv } from './daily-csv.ts';
import { formatNumber, summarize } from './stats.ts';

const RUNS = 3;
const BARS = Number(process.env.BENCH_OPTIMISE_BARS ?? 100_000);
const TRIALS = Number(process.env.BENCH_OPTIMISE_TRIALS ?? 32);
const CLI = fileURLToPath(new URL('../../../apps/cli/bin/tradewind.mjs', import.meta.url));
const BUILD_CLI = fileURLToPath(new URL('../../../apps/cli/scripts/build.mjs', import.meta.url));

if (spawnSync(process.execPath, [BUILD_CLI], { stdio: 'inherit' }).status !== 0) {
  throw new Error('building the CLI bundle failed');
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-optimise-'));
try {
  const file = path.join(dir, 'daily.csv');
  writeDailyCsv(file, BARS);
  const args = (workers: number) => [
    CLI,
    ...['optimize', '--strategy', 'MovingAverage', '--data', file],
    ...['--space', 'fast=5..50', 'slow=20..200', '--trials', String(TRIALS)],
    ...['--size', '100', '--cash', '1000000', '--workers', String(workers), '--json'],
  ];
  const wall: Record<number, number[]> = { 1: [], 2: [] };
  const outputs = new Set<string>();
  const load = os.loadavg()[0] ?? 0;
  for (let run = 0; run <= RUNS; run++) {
    for (const workers of [1, 2]) {
      const start = performance.now();
      const result = spawnSync(process.execPath, args(workers), { encoding: 'utf8' });
      const elapsed = performance.now() - start;
      if (result.status !== 0) throw new Error(`optimize failed: ${result.stderr}`);
      outputs.add(result.stdout);
      if (run > 0) wall[workers]?.push(elapsed); // the first round warms the file cache
    }
  }
  if (outputs.size !== 1) throw new Error('1 and 2 workers printed different results');
  const one = summarize(wall[1] ?? []).median;
  const two = summarize(wall[2] ?? []).median;
  console.log(
    `## Optimiser on worker threads: \`tradewind optimize\`, ${TRIALS} TPE trials over ${formatNumber(BARS)} daily bars\n`,
  );
  console.log('| workers | wall time (median) | speed-up |');
  console.log('| ---: | ---: | ---: |');
  console.log(`| 1 | ${formatNumber(one)} ms | 1.00x |`);
  console.log(`| 2 | ${formatNumber(two)} ms | ${(one / two).toFixed(2)}x |`);
  console.log(
    `\nWhole processes, alternating, median of ${RUNS} runs after a warm-up; both print the same ranking (checked). Load average ${load.toFixed(1)} on ${os.availableParallelism()} cores at the start: on a shared machine the second core is only partly ours. Goal: 2 workers >= 1.8x one worker on 2 idle cores.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
