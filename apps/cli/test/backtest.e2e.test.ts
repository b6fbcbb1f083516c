// `tradewind backtest run` as an operator runs it: the real binary in a child process, in-process
// backtests on the shared data files, no server. Its JSON is checked against the engine run
// directly on the same file.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOhlcv, runBacktest } from '@tradewind/engine';
import { ohlcvPath } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradewind } from './support/run-tradewind.ts';

const ORCL = ohlcvPath('orcl-1995-2014.txt');
const FILES = [
  'orcl-1995-2014.txt',
  'nvda-1999-2014.txt',
  'yhoo-1996-2015.txt',
  '2006-min-005.txt',
];
const SMA_10_30 = ['--strategy', 'MovingAverage', '--param', 'fast=10', '--param', 'slow=30'];
const COSTS = ['--size', '100', '--commission', '0.001', '--cash', '10000'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-backtest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bin = fileURLToPath(new URL('../bin/tradewind.mjs', import.meta.url));

/** Runs the binary under a pseudo-terminal (util-linux `script`), as in an operator's terminal. */
function inTerminal(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const command = [process.execPath, bin, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, COLUMNS: '100' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** `count` daily bars jumping about 100 (a Park-Miller sequence), so MovingAverage(2, 3) trades all the time. */
function zigzagDays(count: number): string {
  const lines = ['date,open,high,low,close,volume'];
  let seed = 42;
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(1850, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    seed = (seed * 48_271) % 2_147_483_647;
    const close = 100 + (seed % 20);
    lines.push(`${day},${close},${close + 1},${close - 1},${close},1000`);
  }
  return `${lines.join('\n')}\n`;
}

async function runJson(args: string[]) {
  const run = await tradewind(['backtest', 'run', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('tradewind backtest run (in-process)', () => {
  for (const file of FILES) {
    it(`gives the engine's SMA(10, 30) result on ${file}, bounded on stdout and whole in --output`, async () => {
      const output = path.join(dir, `${file}.json`);
      const run = await tradewind([
        'backtest',
        'run',
        ...SMA_10_30,
        '--data',
        ohlcvPath(file),
        ...COSTS,
        '--json',
        '--output',
        output,
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`result written to ${output}\n`);
      const json = JSON.parse(run.stdout);
      const full = JSON.parse(await readFile(output, 'utf8'));
      const engine = runBacktest({
        bars: { X: parseOhlcv(await readFile(ohlcvPath(file), 'utf8')) },
        strategy: { name: 'MovingAverage', params: { fast: 10, slow: 30 } },
        initialCash: 10_000,
        commission: 0.001,
        sizing: { type: 'fixed', quantity: 100 },
      });
      for (const result of [json, full]) {
        expect(result.metrics.final_equity).toBe(engine.metrics.finalEquity);
        expect(result.metrics.total_trades).toBe(engine.metrics.totalTrades);
        expect(result.strategy).toEqual({ name: 'MovingAverage', params: { fast: 10, slow: 30 } });
        expect(result.source).toMatchObject({ file: ohlcvPath(file), bars: engine.barsProcessed });
        expect(result.monte_carlo).toBeNull();
        expect(result.walk_forward).toBeNull();
      }
      // stdout: the server's stored shape.
      expect(json.trades).toHaveLength(engine.closedTrades.length);
      expect(json.trades_omitted).toBe(0);
      expect(json.fills).toBe(engine.fills.length);
      expect(json.equity_curve.equity.length).toBeLessThanOrEqual(1000);
      expect(json.equity_curve.equity.at(-1)).toBe(engine.metrics.finalEquity);
      expect(json.drawdown_curve).toHaveLength(json.equity_curve.times.length);
      // The file: everything.
      expect(full.closed_trades).toHaveLength(engine.closedTrades.length);
      expect(full.fills).toHaveLength(engine.fills.length);
      expect(full.equity_curve.equity).toEqual(engine.equityCurve.equity);
      expect(full.drawdown_curve).toEqual(engine.drawdownCurve);
      expect(full.period_returns.daily).toHaveLength(engine.periodReturns.daily.length);
      expect(full.period_returns.monthly[0].start_equity).toBe(
        engine.periodReturns.monthly[0]?.startEquity,
      );
    });
  }

  it('bounds a long run on stdout: curves, trades and period returns capped with counts', async () => {
    const csv = path.join(dir, 'long-daily.csv');
    await writeFile(csv, zigzagDays(30_000));
    const output = path.join(dir, 'long.json');
    const args = ['--strategy', 'MovingAverage', '--param', 'fast=2', '--param', 'slow=3'];
    const longRun = (...extra: string[]) =>
      tradewind(['backtest', 'run', ...args, '--data', csv, '--size', '1', '--json', ...extra]);
    const run = await longRun('--output', output);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    const full = JSON.parse(await readFile(output, 'utf8'));
    const trades = json.metrics.total_trades;
    expect(trades).toBeGreaterThan(5000);
    expect(json.trades).toHaveLength(5000);
    expect(json.trades_omitted).toBe(trades - 5000);
    expect(json.trades).toEqual(
      full.closed_trades.slice(0, 5000).map((trade: Record<string, unknown>) => ({
        symbol: trade.symbol,
        entry_time: trade.entry_time,
        exit_time: trade.exit_time,
        quantity: trade.quantity,
        entry_price: trade.entry_price,
        exit_price: trade.exit_price,
        fees: trade.fees,
        pnl: trade.pnl,
        return_pct: trade.return_pct,
        fills: trade.fills,
      })),
    );
    expect(json.fills).toBe(full.fills.length);
    expect(full.closed_trades).toHaveLength(trades);
    expect(json.equity_curve.times).toHaveLength(1000);
    expect(json.equity_curve.equity.at(-1)).toBe(json.metrics.final_equity);
    expect(full.equity_curve.times).toHaveLength(30_000);
    expect(json.period_returns.daily).toHaveLength(1000);
    expect(json.period_returns_omitted.daily).toBe(29_000);
    expect(json.period_returns.daily).toEqual(full.period_returns.daily.slice(-1000));
    expect(json.period_returns.monthly).toHaveLength(
      Math.min(1000, full.period_returns.monthly.length),
    );
    expect(json.period_returns_omitted.monthly).toBe(
      Math.max(0, full.period_returns.monthly.length - 1000),
    );
    expect(run.stdout.length).toBeLessThan(3_000_000);

    // --trades / --curves choose the parts, on stdout and in the file alike.
    const tradesOnly = path.join(dir, 'trades.json');
    const onlyTrades = await longRun('--trades', '--output', tradesOnly);
    expect(onlyTrades.code).toBe(0);
    const tradesJson = JSON.parse(onlyTrades.stdout);
    expect(tradesJson.trades).toEqual(json.trades);
    expect(tradesJson.metrics).toEqual(json.metrics);
    expect(tradesJson).not.toHaveProperty('equity_curve');
    expect(tradesJson).not.toHaveProperty('period_returns');
    const tradesFile = JSON.parse(await readFile(tradesOnly, 'utf8'));
    expect(tradesFile.closed_trades).toEqual(full.closed_trades);
    expect(tradesFile).not.toHaveProperty('equity_curve');
    const onlyCurves = await runJson([...args, '--data', csv, '--size', '1', '--curves']);
    expect(onlyCurves.equity_curve).toEqual(json.equity_curve);
    expect(onlyCurves.period_returns).toEqual(json.period_returns);
    expect(onlyCurves).not.toHaveProperty('trades');
    expect(onlyCurves).not.toHaveProperty('fills');
  }, 120_000);

  it('applies slippage, the date range and percent sizing', async () => {
    const plain = await runJson([...SMA_10_30, '--data', ORCL, ...COSTS]);
    const slipped = await runJson([...SMA_10_30, '--data', ORCL, ...COSTS, '--slippage', '0.01']);
    expect(slipped.metrics.total_trades).toBe(plain.metrics.total_trades);
    expect(slipped.metrics.final_equity).toBeLessThan(plain.metrics.final_equity);
    expect(slipped.trades[0].entry_price).toBeCloseTo(plain.trades[0].entry_price * 1.01, 9);

    const ranged = await runJson([
      ...SMA_10_30,
      '--data',
      ORCL,
      '--start',
      '2005-01-01',
      '--end',
      '2009-12-31',
      '--percent',
      '50',
    ]);
    expect(ranged.period).toMatchObject({
      start_time: Date.UTC(2005, 0, 3), // the first trading day of 2005
      end_time: Date.UTC(2009, 11, 31),
    });
    const first = ranged.period.start_time;
    expect(ranged.trades.every((trade: { entry_time: number }) => trade.entry_time >= first)).toBe(
      true,
    );
    // Half of equity per entry: far more than 100 shares of a ~$20 stock on $10,000.
    expect(ranged.trades[0].quantity).toBeGreaterThan(100);
  });

  it('applies risk rules (fractions) as the engine and a bot with the same settings do', async () => {
    const flags = ['--stop-loss', '0.05', '--cooldown-bars', '5', '--max-drawdown', '0.05'];
    const range = ['--start', '2005-01-01', '--end', '2009-12-31'];
    const nvda = ohlcvPath('nvda-1999-2014.txt');
    const guarded = await runJson([...SMA_10_30, '--data', nvda, ...COSTS, ...range, ...flags]);
    const engine = runBacktest({
      bars: { NVDA: parseOhlcv(await readFile(nvda, 'utf8')) },
      strategy: { name: 'MovingAverage', params: { fast: 10, slow: 30 } },
      startTime: Date.UTC(2005, 0, 1),
      endTime: Date.UTC(2009, 11, 31, 23, 59, 59, 999),
      initialCash: 10_000,
      commission: 0.001,
      sizing: { type: 'fixed', quantity: 100 },
      risk: { stopLoss: 0.05, cooldownBars: 5, maxDrawdown: 0.05 },
    });
    expect(guarded.risk_events.map((event: { rule: string }) => event.rule)).toEqual(
      engine.riskEvents.map((event) => event.rule),
    );
    expect(new Set(engine.riskEvents.map((event) => event.rule))).toEqual(
      new Set(['stop_loss', 'max_drawdown']),
    );
    expect(guarded.fills).toBe(engine.fills.length);
    expect(guarded.metrics.final_equity).toBe(engine.metrics.finalEquity);
    const plain = await runJson([...SMA_10_30, '--data', nvda, ...COSTS, ...range]);
    expect(plain.risk_events).toEqual([]);
    expect(plain.fills).toBeGreaterThan(guarded.fills);
  });

  it('adds seeded Monte Carlo bands and walk-forward windows', async () => {
    const args = [...SMA_10_30, '--data', ORCL, ...COSTS, '--monte-carlo', '300', '--seed', '7'];
    const first = await runJson(args);
    const again = await runJson(args);
    expect(first.monte_carlo).toEqual(again.monte_carlo);
    expect(first.monte_carlo).toMatchObject({
      runs: 300,
      seed: 7,
      trades_per_run: first.metrics.total_trades,
    });
    const bands = first.monte_carlo.final_equity;
    expect(bands.p5).toBeLessThanOrEqual(bands.p50);
    expect(bands.p50).toBeLessThanOrEqual(bands.p95);
    expect(first.monte_carlo.probability_of_loss).toBeGreaterThanOrEqual(0);

    const defaults = await runJson([...SMA_10_30, '--data', ORCL, '--monte-carlo']);
    expect(defaults.monte_carlo.runs).toBe(1000);

    const walked = await runJson([
      ...SMA_10_30,
      '--data',
      ORCL,
      ...COSTS,
      '--walk-forward',
      '504',
      '--out-of-sample',
      '252',
      '--grid',
      'fast=5,10',
      '--optimize',
      'totalReturn',
    ]);
    const windows = walked.walk_forward.windows;
    // 5036 bars: in-sample starts every 252 bars while 504 more bars remain to test on.
    expect(windows).toHaveLength(Math.ceil((5036 - 504) / 252));
    expect(walked.walk_forward.combinations).toBe(2);
    expect(walked.walk_forward.optimize_for).toBe('totalReturn');
    expect(windows[0].in_sample.bars).toBe(504);
    expect([5, 10]).toContain(windows[0].params.fast);
    expect(walked.walk_forward.out_of_sample_metrics.final_equity).toBe(
      windows.at(-1).out_of_sample_metrics.final_equity,
    );
  });

  it('prints a metrics table and an equity chart for people', async () => {
    const run = await tradewind(['backtest', 'run', ...SMA_10_30, '--data', ORCL, ...COSTS]);
    expect(run.code).toBe(0);
    // Not a terminal here: no progress bar on stderr.
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('final equity');
    expect(run.stdout).toContain('closed trades');
    expect(run.stdout).toMatch(/Equity\n.*[┤┼]/);
    expect(run.stdout).toContain('1995-01-03 .. 2014-12-31');
  });

  it('shows a progress bar on a terminal', async () => {
    const run = await inTerminal([
      'backtest',
      'run',
      ...SMA_10_30,
      '--data',
      ohlcvPath('2006-min-005.txt'),
      ...COSTS,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('backtest |');
    expect(run.stdout).toMatch(/\d+\/\d+ bars/);
    expect(run.stdout).toContain('final equity');
  });

  it('writes a self-contained HTML report', async () => {
    const report = path.join(dir, 'orcl.html');
    const withJson = await tradewind([
      'backtest',
      'run',
      ...SMA_10_30,
      '--data',
      ORCL,
      ...COSTS,
      '--monte-carlo',
      '200',
      '--report',
      report,
      '--json',
    ]);
    expect(withJson.code).toBe(0);
    // stdout stays pure JSON; the note goes to stderr.
    expect(withJson.stderr).toBe(`report written to ${report}\n`);
    const json = JSON.parse(withJson.stdout);
    const html = await readFile(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg id="equity-chart"');
    expect(html).toContain('<svg id="drawdown-chart"');
    expect(html).toContain('<table id="monte-carlo">');
    expect(html).toContain('<table id="trades">');
    // One row per closed trade.
    const trades = html.slice(html.indexOf('<table id="trades">'));
    expect(trades.match(/<tr><td>/g)).toHaveLength(json.metrics.total_trades);
    // Offline: nothing to fetch, no script.
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]*/g) ?? []).toEqual(
      Array(2).fill('http://www.w3.org/2000/svg'),
    );
    // Without --monte-carlo there are no bands.
    const plain = path.join(dir, 'plain.html');
    const run = await tradewind([
      'backtest',
      'run',
      ...SMA_10_30,
      '--data',
      ORCL,
      '--report',
      plain,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`report written to ${plain}`);
    expect(await readFile(plain, 'utf8')).not.toContain('monte-carlo');
  });

  describe('refuses bad input with one clear line and exit code 1', () => {
    const cases: Array<[string, string[], string | RegExp]> = [
      [
        'an unknown strategy',
        ['--strategy', 'Nope', '--data', ORCL],
        'tradewind: Unknown strategy "Nope"; known strategies: MovingAverage, Momentum, MeanReversion, Breakout',
      ],
      [
        'a bad parameter',
        ['--strategy', 'MovingAverage', '--param', 'fast=50', '--data', ORCL],
        'tradewind: Invalid parameter "fast" for MovingAverage: must be less than slow (got fast 50, slow 30)',
      ],
      [
        'an unknown parameter',
        ['--strategy', 'MovingAverage', '--param', 'fats=5', '--data', ORCL],
        'tradewind: Unknown parameter "fats" for MovingAverage',
      ],
      [
        'a missing file',
        ['--strategy', 'MovingAverage', '--data', '/nonexistent/bars.csv'],
        'tradewind: cannot read data file /nonexistent/bars.csv: no such file',
      ],
      [
        'an end before the start',
        [
          '--strategy',
          'MovingAverage',
          '--data',
          ORCL,
          '--start',
          '2012-01-01',
          '--end',
          '2010-01-01',
        ],
        'tradewind: --end 2010-01-01T23:59:59.999Z is before --start 2012-01-01T00:00:00.000Z',
      ],
      [
        'a range without bars',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--start', '2020-01-01'],
        'tradewind: no bars between startTime and endTime',
      ],
      [
        'a commission of 100 %',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--commission', '1'],
        /argument '1' is invalid\. must be a fraction from 0 up to \(not including\) 1/,
      ],
      [
        'both sizing options',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--size', '10', '--percent', '50'],
        /option '--size <quantity>' cannot be used with option '--percent <percent>'/,
      ],
      [
        'a stop-loss of 0',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--stop-loss', '0'],
        /argument '0' is invalid\. must be a fraction above 0 and at most 1/,
      ],
      [
        'a cooldown without a stop-loss',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--cooldown-bars', '3'],
        'tradewind: --cooldown-bars only applies with --stop-loss',
      ],
      [
        'a grid without walk-forward',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--grid', 'fast=5,10'],
        'tradewind: --grid only applies with --walk-forward',
      ],
      [
        'an unknown metric to optimise',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--walk-forward', '--optimize', 'luck'],
        /^tradewind: walkForward\.optimizeFor: Invalid option: expected one of "totalReturn"/,
      ],
      [
        'a walk-forward window longer than the data',
        ['--strategy', 'MovingAverage', '--data', ORCL, '--walk-forward', '6000'],
        'tradewind: walk-forward with a 6000-bar window needs more than 6000 bars (got 5036)',
      ],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const run = await tradewind(['backtest', 'run', ...args]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        if (typeof message === 'string') expect(run.stderr.trim()).toBe(message);
        else expect(run.stderr).toMatch(message);
      });
    }

    it('a CSV with a broken row, naming its line, and writes no report', async () => {
      const csv = path.join(dir, 'broken.csv');
      await writeFile(
        csv,
        'Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,oops,0.5,1.5,100\n',
      );
      const report = path.join(dir, 'never.html');
      const run = await tradewind([
        'backtest',
        'run',
        '--strategy',
        'MovingAverage',
        '--data',
        csv,
        '--report',
        report,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`tradewind: ${csv}: line 3: high "oops" is not a number`);
      await expect(stat(report)).rejects.toThrow(/ENOENT/);
    });
  });
});
