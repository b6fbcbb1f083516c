/**
 * `pnpm bench`: runs every benchmark script in its own process, echoes its figures and writes
 * them to RESULTS.md with the machine they were measured on.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = [
  'cold-start.ts',
  'status-throughput.ts',
  'enterprise-stats.ts',
  'bot-runner-throughput.ts',
  'realtime-fanout.ts',
  'sse-health.ts',
  'engine-moving-average.ts',
  'engine-csv-parse.ts',
  'engine-monte-carlo.ts',
  'backtest-cli.ts',
  'optimise-workers.ts',
  'backtest-jobs.ts',
  'webhook-delivery.ts',
  'market-sync.ts',
  'sandbox-moving-average.ts',
  'live-orders.ts',
];

const sections: string[] = [];
for (const script of BENCHMARKS) {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    console.error(`benchmark ${script} failed with exit code ${result.status}`);
    process.exit(1);
  }
  sections.push(`${result.stdout.trim()}\n\n_Script: \`tooling/bench/src/${script}\`._`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmark results',
  '',
  'Written by `pnpm bench`; do not edit by hand.',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} x ${cpu}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}.`,
];
writeFileSync(
  fileURLToPath(new URL('../RESULTS.md', import.meta.url)),
  `${[header.join('\n'), ...sections].join('\n\n')}\n`,
);
