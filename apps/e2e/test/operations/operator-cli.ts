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
