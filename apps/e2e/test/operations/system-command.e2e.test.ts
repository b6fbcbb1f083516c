/**
 * Seed 004's system control (issue 18 item 2) through the SDK and the `tradewind` binary: the
 * trading status with every field of the seed's example, `start`/`pause` with the seed's
 * example request, and the kill switch — `tradewind system command stop --reason "test"` stops
 * every running bot of the caller within one tick, audited with the reason, nobody else's.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';
import { type OperatorCli, operatorCli, printedJson } from './operator-cli.ts';

const START = { initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };
const BAR_MS = 50;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let root: TradewindClient;
let aliceKey: string;
let aliceBots: number[];
let bobBot: number;
let cli: OperatorCli;

const statuses = async (client: TradewindClient) =>
  (await client.bots.list.query({ limit: 50 })).map((bot) => bot.status);

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: BAR_MS, adminEmail: 'sys-root@example.com' });
  const clients = clientsFor(server);
  const rootLogin = await clients.register('sys-root@example.com');
  root = clients.withToken(rootLogin.accessToken);
  const aliceLogin = await clients.register('sys-alice@example.com');
  alice = clients.withToken(aliceLogin.accessToken);
  bob = clients.withToken((await clients.register('sys-bob@example.com')).accessToken);
  await root.admin.users.update.mutate({ userId: aliceLogin.user.id, activeBotLimit: 5 });
  aliceBots = [];
  for (let i = 0; i < 3; i++) aliceBots.push((await alice.bots.create.mutate(START)).id);
  bobBot = (await bob.bots.create.mutate(START)).id;
  aliceKey = (await alice.apiKeys.create.mutate({ name: 'ops', scopes: ['CONTROL'] })).key;
  cli = await operatorCli(server.url, aliceKey);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
});

describe('system.tradingStatus (seed 004 GET /trading/status)', () => {
  it("answers every field of the seed's example through the SDK and the CLI", async () => {
    const [first] = aliceBots as [number];
    await until(
      () => alice.bots.get.query({ botId: first }),
      (bot) => bot.equity > 0 && bot.startTime !== null,
    );
    // Paused, the strategy cannot close the operator's position before it is read.
    await alice.bots.pause.mutate({ botId: first });
    await alice.bots.forceEnter.mutate({ botId: first, symbol: 'AAPL', quantity: 1 });
    const status = await alice.system.tradingStatus.query();
    expect(status).toMatchObject({
      active: true,
      mode: 'paper',
      portfolioValue: expect.any(Number),
      openPositions: status.positions.length,
      dailyPnl: expect.any(Number),
      totalTrades: expect.any(Number),
      lastTradeTime: expect.stringMatching(ISO),
    });
    expect(status.portfolioValue).toBeGreaterThan(29_000);
    expect(status.totalTrades).toBeGreaterThanOrEqual(1);
    expect(status.positions).toContainEqual({
      botId: first,
      symbol: 'AAPL',
      side: 'long',
      size: expect.any(Number),
      entryPrice: expect.any(Number),
      currentPrice: expect.any(Number),
      unrealizedPnl: expect.any(Number),
    });
    const printed = printedJson(await cli.run(['system', 'trading-status', '--json']));
    expect(Object.keys(printed).sort()).toEqual(Object.keys(status).sort());
    expect(printed).toMatchObject({ active: true, mode: 'paper' });
    expect(printed.openPositions).toBe(printed.positions.length);
    // Prices move with every bar; the position is the same one (the strategy may have bought
    // before the pause, so its size is what the SDK reported, not the forced quantity alone).
    const held = status.positions.find((position) => position.botId === first);
    expect(printed.positions).toContainEqual(
      expect.objectContaining({ botId: first, symbol: 'AAPL', side: 'long', size: held?.size }),
    );
    // Bob sees his own bot only (his strategy may hold a position of its own by now).
    const bobsPositions = (await bob.system.tradingStatus.query()).positions;
    expect(bobsPositions.filter((position) => position.botId !== bobBot)).toEqual([]);
    await alice.bots.resume.mutate({ botId: first });
  });
});

describe('system.operatorStatus (seed 004 GET /status)', () => {
  it("answers the seed's sections through the SDK and the CLI", async () => {
    const status = await alice.system.operatorStatus.query();
    expect(status).toEqual({
      system: {
        status: 'operational',
        uptimeSeconds: expect.any(Number),
        version: server.deps.version,
        environment: 'test',
      },
      tradingBot: {
        active: true,
        mode: 'paper',
        status: 'running',
        lastUpdate: expect.stringMatching(ISO),
      },
      exchanges: [{ name: 'simulator', connected: true, testnet: false }],
      performance: {
        cpuUsage: expect.any(Number),
        memoryUsage: expect.any(Number),
        diskUsage: expect.any(Number),
      },
    });
    for (const usage of Object.values(status.performance)) {
      expect(usage).toBeGreaterThanOrEqual(0);
      expect(usage).toBeLessThanOrEqual(100);
    }
    const printed = printedJson(await cli.run(['system', 'status', '--json']));
    expect(printed).toMatchObject({
      system: { status: 'operational', environment: 'test' },
      tradingBot: { active: true, status: 'running' },
      exchanges: [{ name: 'simulator', connected: true }],
    });
  });
});

describe('system.command (seed 004 POST /system/command)', () => {
  it("pauses and starts the caller's bots, with the seed's example request and answer", async () => {
    const paused = await alice.system.command.mutate({
      command: 'pause',
      parameters: {},
      reason: 'Manual pause via API',
    });
    expect(paused).toMatchObject({ success: true, command: 'pause', failures: [] });
    expect(paused.botIds.sort()).toEqual([...aliceBots].sort());
    expect(await statuses(alice)).toEqual(['PAUSED', 'PAUSED', 'PAUSED']);
    expect(await statuses(bob)).toEqual(['ACTIVE']);

    const started = await alice.system.command.mutate({
      command: 'start',
      parameters: {},
      reason: 'Manual start via API',
    });
    expect(started).toEqual({
      success: true,
      message: 'Trading bot start initiated: 3 bot(s)',
      command: 'start',
      timestamp: expect.stringMatching(ISO),
      botIds: [...aliceBots].sort((a, b) => a - b),
      failures: [],
    });
    expect(await statuses(alice)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('refuses a missing reason and allUsers for non-admins, naming the field', async () => {
    expect(
      await failure(alice.system.command.mutate({ command: 'stop', reason: ' ' })),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('reason') });
    expect(
      await failure(alice.system.command.mutate({ command: 'stop', reason: 'x', allUsers: true })),
    ).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('allUsers') });
    expect(await statuses(alice)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('kill switch: `system command stop --reason "test"` stops every bot of the caller within one tick, audited', async () => {
    const run = printedJson(
      await cli.run(['system', 'command', 'stop', '--reason', 'test', '--json']),
    );
    expect(run).toMatchObject({ success: true, command: 'stop', failures: [] });
    expect(run.botIds).toEqual([...aliceBots].sort((a, b) => a - b));
    // Stopped when the command answers: finished, final cash, no position left open.
    const bots = await alice.bots.list.query({ limit: 50 });
    expect(bots.map((bot) => bot.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(bots.every((bot) => bot.finalCash !== null)).toBe(true);
    const fills = await server.deps.db.prisma.trade.count({ where: { botId: { in: aliceBots } } });
    // Bob's bot keeps running: two more of its bars later, none of Alice's bots traded again.
    const bobBar = async () =>
      (await server.deps.db.prisma.bot.findUniqueOrThrow({ where: { id: bobBot } })).lastBarTime;
    const before = (await bobBar())?.getTime() ?? 0;
    await until(bobBar, (time) => (time?.getTime() ?? 0) > before + 1, 30_000);
    const later = (await bobBar())?.getTime() ?? 0;
    await until(bobBar, (time) => (time?.getTime() ?? 0) > later, 30_000);
    expect(await server.deps.db.prisma.trade.count({ where: { botId: { in: aliceBots } } })).toBe(
      fills,
    );
    expect(await statuses(bob)).toEqual(['ACTIVE']);
    expect((await alice.system.tradingStatus.query()).active).toBe(false);

    const [entry] = await root.admin.audit.list.query({ action: 'system.command' });
    expect(entry?.metadata).toMatchObject({
      command: 'stop',
      reason: 'test',
      allUsers: false,
      botIds: run.botIds,
    });
  });

  it("lets an admin stop every user's bots with allUsers", async () => {
    const result = await root.system.command.mutate({
      command: 'stop',
      reason: 'maintenance',
      allUsers: true,
    });
    expect(result.botIds).toContain(bobBot);
    expect(await statuses(bob)).toEqual(['COMPLETED']);
  });
});
