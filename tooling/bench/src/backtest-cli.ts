/**
 * A CSV backtest end to end, whole processes side by side on the same generated 300,000-bar daily
 * file: `tradewind backtest run --json` (start-up, CSV parsing, backtest, bounded JSON output),
 * the same with `--output` (the full result streamed to a file), a hand-written Node loop
 * (`backtest-hand-loop.mjs`), backtrader (`backtest-backtrader.py`) and a minimal Python event
 * loop (`backtest-python-event-loop.py`). Every side must reach the same final value and
 * closed-trade count. Prints a RESULTS.md section.
 *
 * backtrader is not part of this repository: set BACKTRADER_PATH to a checkout of
 * github.com/mementum/backtrader (pure Python, nothing to install); it goes on PYTHONPATH. Without
 * it the backtrader column says so. BENCH_CSV_BARS sets the file's size (default 300,000).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDailyCsv } from './daily-csv.ts';
import { formatNumber, summarize } from './stats.ts';

const RUNS = 3;
const BARS = Number(process.env.BENCH_CSV_BARS ?? 300_000);
const BACKTRADER_PATH = process.env.BACKTRADER_PATH;
const CLI = fileURLToPath(new URL('../../../apps/cli/bin/tradewind.mjs', import.meta.url));
const BUILD_CLI = fileURLToPath(new URL('../../../apps/cli/scripts/build.mjs', import.meta.url));
const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
// Cash enough that no order is refused for funds: backtrader checks cash when an order is
// submitted, the engine when it fills, and the two would part on a refused order.
const MODEL = { fast: 10, slow: 30, quantity: 100, cash: 1_000_000, commission: 0.001 };

type Outcome = { finalEquity: number; totalTrades: number };
/** Wall time and CPU time (user + system, from GNU time) of each run. */
type Timed = { label: string; ms: number[]; cpuMs: number[]; outcome: Outcome };

/** Runs a command `runs` times after one warm-up run (file cache), reading its outcome. */
function time(
  label: string,
  command: string,
  args: string[],
  options: { runs?: number; env?: NodeJS.ProcessEnv } = {},
): Timed {
  const runs = options.runs ?? RUNS;
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let outcome: Outcome | undefined;
  for (let run = 0; run <= runs; run++) {
    if (run === 0 && runs === 1) continue; // a single run needs no warm-up (backtrader: ~20 s)
    const start = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', command, ...args], {
      encoding: 'utf8',
      maxBuffer: 2 ** 30,
      env: options.env ?? process.env,
    });
    const elapsed = performance.now() - start;
    if (result.status !== 0) {
      throw new Error(`${label} failed (${result.status}): ${result.stderr}`);
    }
    const [user = Number.NaN, system = Number.NaN] = (
      result.stderr.match(/cpu (\S+) (\S+)\s*$/) ?? []
    )
      .slice(1)
      .map(Number);
    const json = JSON.parse(result.stdout);
    const metrics = json.metrics ?? json;
    outcome = { finalEquity: metrics.final_equity, totalTrades: metrics.total_trades };
    if (run > 0) {
      ms.push(elapsed);
      cpuMs.push((user + system) * 1000);
    }
  }
  return { label, ms, cpuMs, outcome: outcome as Outcome };
}

// Time the binary as installed: its bundle, fresh (a source edited since would make it fall back
// to compiling the sources on the fly).
if (spawnSync(process.execPath, [BUILD_CLI], { stdio: 'inherit' }).status !== 0) {
  throw new Error('building the CLI bundle failed');
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-csv-'));
try {
  const file = path.join(dir, 'daily.csv');
  writeDailyCsv(file, BARS);
  const { fast, slow, quantity, cash, commission } = MODEL;
  const cliArgs = [
    CLI,
    ...['backtest', 'run', '--strategy', 'MovingAverage', '--data', file],
    ...['--param', `fast=${fast}`, '--param', `slow=${slow}`, '--size', String(quantity)],
    ...['--commission', String(commission), '--cash', String(cash), '--slippage', '0', '--json'],
  ];
  const modelArgs = [file, fast, slow, quantity, cash, commission].map(String);
  const cli = time('`tradewind backtest run --json`', process.execPath, cliArgs);
  const cliOutput = time('`tradewind backtest run --json --output full.json`', process.execPath, [
    ...cliArgs,
    '--output',
    path.join(dir, 'full.json'),
  ]);
  const hand = time('hand-written Node loop', process.execPath, [
    script('backtest-hand-loop.mjs'),
    ...modelArgs,
  ]);
  const eventLoop = time('minimal Python event loop', 'python3', [
    script('backtest-python-event-loop.py'),
    file,
    String(cash),
  ]);
  const backtrader =
    BACKTRADER_PATH !== undefined && existsSync(path.join(BACKTRADER_PATH, 'backtrader'))
      ? time('backtrader', 'python3', [script('backtest-backtrader.py'), ...modelArgs], {
          runs: 1,
          env: { ...process.env, PYTHONPATH: BACKTRADER_PATH },
        })
      : null;
  const sides = [cli, cliOutput, hand, eventLoop, ...(backtrader ? [backtrader] : [])];
  for (const side of sides) {
    const same =
      side.outcome.totalTrades === cli.outcome.totalTrades &&
      Math.abs(side.outcome.finalEquity - cli.outcome.finalEquity) <=
        1e-9 * Math.abs(cli.outcome.finalEquity);
    if (!same) {
      throw new Error(
        `results differ: ${side.label} ${JSON.stringify(side.outcome)}, CLI ${JSON.stringify(cli.outcome)}`,
      );
    }
  }

  const cliMs = summarize(cli.ms).median;
  const cliCpu = summarize(cli.cpuMs).median;
  console.log(
    `## CSV backtest end to end: the CLI vs backtrader, a hand-written Node loop and a Python event loop (${formatNumber(BARS)} daily bars)\n`,
  );
  console.log(
    `MovingAverage(${fast}, ${slow}), ${quantity} shares, commission ${commission}, cash ${formatNumber(cash)}, no slippage; whole process (start-up, reading and parsing the CSV, the backtest, the output); median of ${RUNS} runs after a warm-up (backtrader: one run).\n`,
  );
  console.log(
    '| side | wall time | CPU time | final value | closed trades | wall / CLI | CPU / CLI |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const side of sides) {
    const ms = summarize(side.ms).median;
    const cpu = summarize(side.cpuMs).median;
    console.log(
      `| ${side.label} | ${formatNumber(ms)} ms | ${formatNumber(cpu)} ms | ${side.outcome.finalEquity.toFixed(4)} | ${formatNumber(side.outcome.totalTrades)} | ${(ms / cliMs).toFixed(2)}x | ${(cpu / cliCpu).toFixed(2)}x |`,
    );
  }
  const ratio = (side: Timed, of: (timed: Timed) => number[], base: number) =>
    `${(summarize(of(side)).median / base).toFixed(1)}x`;
  const wall = (timed: Timed) => timed.ms;
  const cpu = (timed: Timed) => timed.cpuMs;
  console.log(
    `\nGoals, wall (CPU): backtrader / CLI ${backtrader ? `${ratio(backtrader, wall, cliMs)} (${ratio(backtrader, cpu, cliCpu)})` : 'not measured'}, goal >= 25x; ` +
      `CLI / hand loop ${(cliMs / summarize(hand.ms).median).toFixed(2)}x (${(cliCpu / summarize(hand.cpuMs).median).toFixed(2)}x), goal <= 2x.`,
  );
  console.log(
    `\nEvery side reaches the same final value and closed-trade count (checked to 1e-9; they differ only in the last digits of floating-point sums). ` +
      '`--json` prints the bounded result (curves at most 1,000 points, the first 5,000 trades, the latest 1,000 period returns); `--output` also streams the full result to a file. ' +
      'The hand loop parses this one layout without checks and keeps no fill log, curves or metrics. ' +
      (backtrader
        ? 'backtrader ran from its public source (the checkout in `BACKTRADER_PATH`, on PYTHONPATH), Cerebro without its default observers.'
        : 'backtrader: not measured, BACKTRADER_PATH is not set to a checkout of github.com/mementum/backtrader.'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
