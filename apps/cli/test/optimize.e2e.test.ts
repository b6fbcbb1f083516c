// `tradewind optimize` as an operator runs it: the real binary in a child process, trials on
// worker threads over a shared data file, no server.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type OptimiseSettings, optimise, parseOhlcvSeries, runTrial } from '@tradewind/engine';
import { ohlcvPath } from '@tradewind/testing';
import { describe, expect, it } from 'vitest';
import { tradewind } from './support/run-tradewind.ts';

const ORCL = ohlcvPath('orcl-1995-2014.txt');
const SEARCH = [
  ...['--strategy', 'MovingAverage', '--data', ORCL, '--space', 'fast=2..30', 'slow=10..120'],
  ...['--trials', '48', '--seed', '5', '--objective', 'totalReturn', '--min-trades', '5'],
  ...['--size', '10', '--cash', '10000', '--commission', '0.001', '--slippage', '0'],
];

async function runJson(args: string[]) {
  const run = await tradewind(['optimize', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('tradewind optimize', () => {
  it('gives the same ranking on 1 and 2 worker threads as the engine in one thread', async () => {
    const [one, two] = await Promise.all([
      runJson([...SEARCH, '--workers', '1']),
      runJson([...SEARCH, '--workers', '2']),
    ]);
    expect(two).toEqual(one);
    expect(one.trials_run).toBe(48);
    expect(one.ranked.length).toBeGreaterThan(0);

    const data = {
      symbol: 'ORCL',
      bars: parseOhlcvSeries(await readFile(ORCL, 'utf8')),
      strategy: 'MovingAverage',
      initialCash: 10_000,
      commission: 0.001,
      slippage: 0,
      sizing: { type: 'fixed', quantity: 10 },
      seed: 5,
      outOfSample: 0.25,
    } as const;
    const settings: OptimiseSettings = {
      strategy: 'MovingAverage',
      space: [
        { name: 'fast', min: 2, max: 30, integer: true },
        { name: 'slow', min: 10, max: 120, integer: true },
      ],
      trials: 48,
      method: 'tpe',
      seed: 5,
      objective: 'totalReturn',
      minTrades: 5,
    };
    const engine = await optimise(settings, async (requests) =>
      requests.map((request) => runTrial(data, request)),
    );
    expect(one.ranked.map((trial: { params: unknown }) => trial.params)).toEqual(
      engine.ranked.map((trial) => trial.params),
    );
    expect(one.ranked[0].in_sample).toBe(engine.ranked[0]?.score);
    expect(one.ranked[0].out_of_sample).toBe(engine.ranked[0]?.outOfSampleScore);
  }, 120_000);

  it('prints a ranked table with in-sample and out-of-sample scores for people', async () => {
    const run = await tradewind(['optimize', ...SEARCH, '--trials', '16', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^16 trials, \d+ infeasible\n/);
    expect(run.stdout).toMatch(/totalReturn in sample/);
    expect(run.stdout).toMatch(/out of sample/);
  }, 120_000);

  it('resumes from its journal: the same result as one uninterrupted run, no trial run twice', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-optimize-'));
    try {
      const journal = path.join(dir, 'trials.jsonl');
      const search = [...SEARCH, '--trials', '32', '--workers', '2'];
      // A run cut short after 16 trials, then the full command again with the same journal.
      await runJson([...search, '--trials', '16', '--journal', journal]);
      const afterFirst = (await readFile(journal, 'utf8')).trim().split('\n');
      const [resumed, straight] = await Promise.all([
        runJson([...search, '--journal', journal]),
        runJson(search),
      ]);
      expect(resumed).toEqual(straight);
      const lines = (await readFile(journal, 'utf8')).trim().split('\n');
      expect(lines.slice(0, afterFirst.length)).toEqual(afterFirst);
      const keys = lines.slice(1).map((line) => JSON.parse(line).key);
      expect(new Set(keys).size).toBe(keys.length);

      const other = await tradewind([
        'optimize',
        ...search,
        '--cash',
        '20000',
        '--journal',
        journal,
      ]);
      expect(other.code).toBe(1);
      expect(other.stderr.trim()).toBe(
        `tradewind: journal ${journal} was written for other data, strategy or costs`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  describe('rejects bad input with one clear line', () => {
    const base = ['--strategy', 'MovingAverage', '--data', ORCL];
    const cases: [string, string[], string | RegExp][] = [
      [
        'an inverted range',
        [...base, '--space', 'fast=50..5'],
        'tradewind: fast: the range 50..5 is inverted (min above max)',
      ],
      [
        'a parameter the strategy lacks',
        [...base, '--space', 'period=5..50'],
        'tradewind: MovingAverage has no parameter "period" (it has fast, slow)',
      ],
      [
        'trials 0',
        [...base, '--space', 'fast=5..50', '--trials', '0'],
        'tradewind: trials must be a whole number from 1 to 100,000 (got 0)',
      ],
      [
        'trials 100,001',
        [...base, '--space', 'fast=5..50', '--trials', '100001'],
        'tradewind: trials must be a whole number from 1 to 100,000 (got 100001)',
      ],
      [
        'a malformed range',
        [...base, '--space', 'fast=5-50'],
        /"fast=5-50" must be name=min\.\.max/,
      ],
      ['no space at all', base, /required option '--space <name=min\.\.max\.\.\.>' not specified/],
      [
        'an unknown objective',
        [...base, '--space', 'fast=5..50', '--objective', 'luck'],
        /^tradewind: --objective must be one of totalReturn/,
      ],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const run = await tradewind(['optimize', ...args]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        if (typeof message === 'string') expect(run.stderr.trim()).toBe(message);
        else expect(run.stderr).toMatch(message);
      }, 60_000);
    }
  });
});
