import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.ts';

/** The strategy a new file starts from: the MovingAverage built-in, written on the public API. */
function strategyTemplate(name: string): string {
  return `// ${name}: a Tradewind strategy file. Backtest it with
//   tradewind backtest run --strategy-file ./${name}.strategy.ts --data bars.csv
// It imports types only: indicators and order helpers come through create's toolkit, so the
// same file runs on your machine and in the server's sandbox.
import type { StrategyModule } from '@tradewind/engine';

type Params = { fast: number; slow: number };

export default {
  name: '${name}',
  description: 'Moving average crossover: long on a golden cross, flat on a death cross.',
  // Every parameter, with its type, default and range (forms and optimisers read these).
  params: {
    fast: { type: 'integer', default: 10, min: 1, max: 10_000, description: 'fast SMA period' },
    slow: { type: 'integer', default: 30, min: 2, max: 10_000, description: 'slow SMA period' },
  },
  create(params, { indicators, enterLong, exitLong }) {
    const fast = new indicators.SMA(params.fast);
    const slow = new indicators.SMA(params.slow);
    const cross = new indicators.Crossover();
    return {
      warmupBars: params.slow + 1,
      // Called on each closed bar; orders fill at the next bar's open.
      onBar(bar, context) {
        const direction = cross.update(fast.update(bar.close), slow.update(bar.close));
        if (direction === 1) enterLong(context, bar.close);
        else if (direction === -1) exitLong(context);
      },
    };
  },
} satisfies StrategyModule<Params>;
`;
}

/** A test of the file through the CLI: `node --test ${'<name>'}.strategy.test.mjs`. */
function testTemplate(name: string): string {
  return `// Backtests ${name}.strategy.ts through the tradewind CLI on generated bars:
//   node --test ${name}.strategy.test.mjs   (TRADEWIND_BIN="node /path/to/tradewind.mjs" to pick a build)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** 400 daily bars of a slow wave, so moving averages cross. */
function waveCsv() {
  const lines = ['date,open,high,low,close,volume'];
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const close = 100 + 10 * Math.sin(i / 15);
    lines.push(\`\${day},\${close},\${close + 1},\${close - 1},\${close},1000\`);
  }
  return \`\${lines.join('\\n')}\\n\`;
}

test('${name} trades on generated bars', () => {
  const data = path.join(mkdtempSync(path.join(os.tmpdir(), 'strategy-')), 'wave.csv');
  writeFileSync(data, waveCsv());
  const [command, ...prefix] = (process.env.TRADEWIND_BIN ?? 'tradewind').split(' ');
  const args = ['backtest', 'run', '--strategy-file', path.join(here, '${name}.strategy.ts')];
  const output = execFileSync(command, [...prefix, ...args, '--data', data, '--json'], {
    encoding: 'utf8',
  });
  const result = JSON.parse(output);
  assert.equal(result.strategy.name, '${name}');
  assert.ok(result.fills > 0, 'the strategy should trade');
});
`;
}

/**
 * Writes `<name>.strategy.ts` and its test into `directory`; refuses to overwrite either.
 * Returns the paths written.
 */
export async function scaffoldStrategy(name: string, directory: string): Promise<string[]> {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new CliError(
      'the strategy name must start with a letter and hold only letters, digits, "-" and "_"',
    );
  }
  const files = [
    [path.join(directory, `${name}.strategy.ts`), strategyTemplate(name)],
    [path.join(directory, `${name}.strategy.test.mjs`), testTemplate(name)],
  ] as const;
  for (const [file, text] of files) {
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EEXIST' ? 'it already exists' : (error as Error).message;
      throw new CliError(`cannot write ${file}: ${reason}`);
    }
  }
  return files.map(([file]) => file);
}
