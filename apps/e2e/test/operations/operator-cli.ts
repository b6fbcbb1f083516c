/** The `tradewind` binary as one operator runs it against a test server, for the operations tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Run, tradewind } from '@tradewind/cli/testing';
import { expect } from 'vitest';

export type OperatorCli = {
  /** Runs `tradewind --url <server> ...args` with the operator's API key. */
  run(args: string[]): Promise<Run>;
  /** Removes the CLI's config directory. */
  close(): Promise<void>;
};

/** A CLI session with `apiKey` in `TRADEWIND_API_KEY` and a config directory of its own. */
export async function operatorCli(url: string, apiKey: string): Promise<OperatorCli> {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-operations-'));
  return {
    run: (args) =>
      tradewind(['--url', url, ...args], {
        env: { TRADEWIND_API_KEY: apiKey, TRADEWIND_CONFIG_DIR: configDir },
      }),
    close: () => rm(configDir, { recursive: true, force: true }),
  };
}

/** The JSON a successful `--json` run printed; fails the test on a non-zero exit or stderr. */
export function printedJson(run: Run) {
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
}

/**
 * A bot whose 0.01 % drawdown guard trips on its first fill (the commission alone does), which
 * pauses it and raises one `max_drawdown` alert.
 */
export const TRIPPING_BOT = {
  initialCash: 10_000,
  symbols: ['AAPL'],
  strategy: 'MovingAverage',
  params: { fast: 2, slow: 4 },
  risk: { maxDrawdownPercent: 0.01, stopLossPercent: 50 },
};
