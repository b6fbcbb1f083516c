/**
 * The CLI says a simulated bot trades on the simulator, and shows when a fill happened (wall
 * clock) apart from the simulated bar it filled on (issue 12 items 5 and 19).
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, registerUser, removeCliHomes } from './support/cli-fixtures.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 20 });
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

describe('tradewind bots and trades on a simulated market', () => {
  it('name the feed and stamp fills with wall-clock time', { timeout: 180_000 }, async () => {
    const cli = await cliHome();
    expect((await cli.login(server, await registerUser(server, 'feed'))).code).toBe(0);
    const before = Date.now();
    const start = await cli.run([
      'bots',
      'start',
      '--strategy',
      'momentum',
      '--symbols',
      'MSFT',
      '--cash',
      '50000',
      '--param',
      'fast_period=200',
      '--param',
      'slow_period=400',
    ]);
    expect(start).toMatchObject({ code: 0, stderr: '' });
    expect(start.stdout).toMatch(/Feed\s*│ simulator \(simulated market, not real prices\)/);
    expect(start.stdout).toMatch(/Strategy\s*│ Momentum fast=200 slow=400 signal=9/);
    const id = start.stdout.match(/Started bot (\d+); watch it with/)?.[1] ?? '';

    const entered = await cli.run(['bots', 'force-enter', id, 'MSFT', '--quantity', '2']);
    expect(entered).toMatchObject({ code: 0, stderr: '' });
    const [listed, table, json] = await Promise.all([
      cli.run(['bots', 'list']),
      cli.run(['trades', id]),
      cli.run(['trades', id, '--json']),
    ]);
    expect(listed.stdout).toMatch(/│ PnL\s*│ Feed\s*│/);
    expect(listed.stdout).toMatch(new RegExp(`│ ${id}\\s*│.*│ simulator\\s*│`));
    expect(table.stdout).toMatch(/│ Time\s*│ Symbol\s*│.*│ Reason\s*│ Bar time\s*│ Feed\s*│/);
    expect(table.stdout).toMatch(/│ force_enter\s*│ [\d-]+ [\d:]+Z\s*│ simulator\s*│/);
    const [trade] = JSON.parse(json.stdout).trades as {
      timestamp: string;
      barTime: string;
      feed: string;
    }[];
    expect(trade?.feed).toBe('simulator');
    // Filled now, by the clock; the bar it filled on is the simulator's own time.
    expect(Date.parse(trade?.timestamp ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(trade?.timestamp ?? '')).toBeLessThanOrEqual(Date.now());
    expect(trade?.barTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
