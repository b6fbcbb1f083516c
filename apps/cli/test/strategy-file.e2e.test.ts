// A user's own strategy through the real binary: `strategies new` writes a file and its test,
// `backtest run --strategy-file` runs it in this process with the same result as the built-in
// it copies, and the scaffolded test passes with `node --test`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ohlcvPath } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradewind, tradewindBin } from './support/run-tradewind.ts';

const ORCL = ohlcvPath('orcl-1995-2014.txt');
const COSTS = ['--size', '100', '--commission', '0.001', '--cash', '10000'];
const PARAMS = ['--param', 'fast=10', '--param', 'slow=30'];

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-strategy-file-'));
  file = path.join(dir, 'my-strategy.strategy.ts');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function backtestJson(strategy: string[]) {
  const run = await tradewind(['backtest', 'run', ...strategy, '--data', ORCL, ...COSTS, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

async function failure(args: string[]): Promise<string> {
  const run = await tradewind(args);
  expect(run.code).toBe(1);
  return run.stderr;
}

describe('a strategy file of your own', () => {
  it('is scaffolded with its test, and never over an existing file', async () => {
    const run = await tradewind(['strategies', 'new', 'my-strategy', '--dir', dir]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`wrote ${file}`);
    expect(await readFile(file, 'utf8')).toContain("name: 'my-strategy'");
    expect(await failure(['strategies', 'new', 'my-strategy', '--dir', dir])).toContain(
      'it already exists',
    );
    expect(await failure(['strategies', 'new', '1 bad name', '--dir', dir])).toContain(
      'must start with a letter',
    );
  });

  it('backtests locally with the same result as the built-in it is written from', async () => {
    const own = await backtestJson(['--strategy-file', file, ...PARAMS]);
    const builtIn = await backtestJson(['--strategy', 'MovingAverage', ...PARAMS]);
    expect(own.strategy).toEqual({ name: 'my-strategy', params: { fast: 10, slow: 30 } });
    expect(builtIn.fills).toBeGreaterThan(10);
    expect(own.fills).toBe(builtIn.fills);
    expect(own.trades).toEqual(builtIn.trades);
    expect(own.metrics).toEqual(builtIn.metrics);
  });

  it('passes its scaffolded test', () => {
    const run = spawnSync(process.execPath, ['--test', file.replace(/\.ts$/, '.test.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, TRADEWIND_BIN: `${process.execPath} ${tradewindBin}` },
    });
    expect(run.stdout).toContain('# pass 1');
    expect(run.status).toBe(0);
  });

  it('refuses bad files with one clear line', async () => {
    const broken = path.join(dir, 'broken.strategy.ts');
    await writeFile(broken, "export default {\n  name: 'x',,\n};\n");
    expect(await failure(['backtest', 'run', '--strategy-file', broken, '--data', ORCL])).toMatch(
      /broken\.strategy\.ts:2:\d+: /,
    );
    const noParams = path.join(dir, 'no-params.strategy.ts');
    await writeFile(noParams, "export default { name: 'x', create: () => ({ onBar() {} }) };\n");
    expect(
      await failure(['backtest', 'run', '--strategy-file', noParams, '--data', ORCL]),
    ).toContain('params is missing: declare every parameter');
    const importing = path.join(dir, 'importing.strategy.ts');
    await writeFile(importing, "import fs from 'node:fs';\nexport default fs;\n");
    expect(
      await failure(['backtest', 'run', '--strategy-file', importing, '--data', ORCL]),
    ).toContain('imports are not available to strategies ("node:fs")');
    const huge = path.join(dir, 'huge.strategy.ts');
    await writeFile(huge, `export default {};\n//${'x'.repeat(256 * 1024)}\n`);
    expect(await failure(['backtest', 'run', '--strategy-file', huge, '--data', ORCL])).toContain(
      'a strategy may be at most 256 kB',
    );
  });

  it('refuses a flag clash or a bad parameter with one clear line', async () => {
    expect(
      await failure([
        'backtest',
        'run',
        '--strategy',
        'MovingAverage',
        '--strategy-file',
        file,
        '--data',
        ORCL,
      ]),
    ).toContain('give one of --strategy <name> or --strategy-file <file.ts>');
    expect(
      await failure([
        'backtest',
        'run',
        '--strategy-file',
        file,
        ...PARAMS.slice(0, 1),
        'fast=0',
        '--data',
        ORCL,
      ]),
    ).toContain('Invalid parameter "fast" for my-strategy');
  });
});
