import type { AuthenticatedPrincipal } from '@tradewind/core';
import type { Strategy } from '@tradewind/engine';
import type { TestDatabase } from '@tradewind/testing';
import { SimulatedMarket } from '@tradewind/venues';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forceEnter } from '../../services/bots/bot-commands.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { createBot } from '../../services/bots/create-bot.ts';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import { BotRunner } from './bot-runner.ts';

const START = new Date('2026-03-02T09:30:00Z');
const BOTS = 4;

let db: TestDatabase;
let deps: BotDeps;
let principal: AuthenticatedPrincipal;

beforeEach(async () => {
  ({ db, deps, principal } = await createRuntimeFixture(new SimulatedMarket(42), START));
});
afterEach(async () => {
  await db.close();
});

/** Buys one share on one bar and sells it on the next: every bar after warm-up has a fill. */
const flipper = (name: string): Strategy => ({
  name,
  warmupBars: 1,
  onBar: (_bar, { broker, symbol }) => {
    if (broker.hasPendingOrder(symbol)) return;
    const side = broker.positionQuantity(symbol) > 0 ? 'SELL' : 'BUY';
    broker.submitMarketOrder(symbol, side, 1);
  },
});

async function startBots() {
  const bots = [];
  for (let index = 0; index < BOTS; index++) {
    bots.push(
      await createBot(deps, principal, {
        mode: 'PAPER',
        initialCash: 10_000,
        symbols: ['AAPL'],
        strategy: 'MovingAverage',
        params: { fast: 3, slow: 8 },
        timeframe: '1m',
        riskMode: 'balanced',
      }),
    );
  }
  const runner = new BotRunner(deps, {
    owner: 'batcher',
    barMs: 1,
    leaseMs: 10_000,
    createStrategy: flipper,
  });
  return { ids: bots.map((bot) => bot.id), runner };
}

/** How many transactions one tick opened. */
async function transactionsOfTick(runner: BotRunner): Promise<number> {
  const transactions = vi.spyOn(deps.db.prisma, '$transaction');
  try {
    await runner.tick();
    return transactions.mock.calls.length;
  } finally {
    transactions.mockRestore();
  }
}

const snapshots = (botId: number) => db.prisma.equitySnapshot.count({ where: { botId } });
const trades = (botId: number) => db.prisma.trade.count({ where: { botId } });

describe('BotRunner: bars with fills are batched', () => {
  it('writes a tick of bars with fills for every bot in one transaction, each bot complete', async () => {
    const { ids, runner } = await startBots();
    for (let tick = 0; tick < 5; tick++) await runner.tick();
    // One batch for the bars with fills (the quiet-bar batch has nothing to write).
    expect(await transactionsOfTick(runner)).toBe(1);
    for (const id of ids) {
      expect(await snapshots(id)).toBe(6);
      const stored = await db.prisma.trade.findMany({ where: { botId: id } });
      expect(stored.map((trade) => trade.sequence).sort((a, b) => a - b)).toEqual(
        stored.map((_, index) => index + 1),
      );
      const row = await db.prisma.bot.findUniqueOrThrow({ where: { id } });
      expect(row.fillSequence).toBe(stored.length);
    }
    expect(new Set(await Promise.all(ids.map(trades))).size).toBe(1);
  });

  it('skips only the bot whose guard fails; the others in its batch are written', async () => {
    const { ids, runner } = await startBots();
    for (let tick = 0; tick < 5; tick++) await runner.tick();
    const [changed, ...others] = ids as [number, ...number[]];
    // An operator fill moves the bot's fill sequence under the runner: its next bar is stale.
    await forceEnter(deps, principal, { botId: changed, symbol: 'AAPL', quantity: 1 });
    const tradesBefore = await trades(changed);
    expect(await transactionsOfTick(runner)).toBe(1);
    expect(await snapshots(changed)).toBe(5);
    expect(await trades(changed)).toBe(tradesBefore);
    for (const id of others) expect(await snapshots(id)).toBe(6);
    // Reloaded on the next tick, it carries on from its last written bar.
    await runner.tick();
    await runner.tick();
    expect(await snapshots(changed)).toBe(7);
    for (const id of others) expect(await snapshots(id)).toBe(8);
  });
});
