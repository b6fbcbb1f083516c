import {
  type AuthenticatedPrincipal,
  ZStrategyCreateInput,
  ZStrategyStartInput,
} from '@tradewind/core';
import type { TestDatabase } from '@tradewind/testing';
import { SimulatedMarket } from '@tradewind/venues';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import type { BotDeps } from '../bots/bot-deps.ts';
import { createStrategy } from './strategy-commands.ts';
import { startStrategy, stopStrategy } from './strategy-execution.ts';

let db: TestDatabase;
let deps: BotDeps;
let principal: AuthenticatedPrincipal;

beforeEach(async () => {
  ({ db, deps, principal } = await createRuntimeFixture(
    new SimulatedMarket(7),
    new Date('2026-03-02T09:30:00Z'),
  ));
});
afterEach(async () => {
  await db.close();
});

const newStrategy = () =>
  createStrategy(
    deps,
    principal,
    ZStrategyCreateInput.parse({
      config: { name: 'race', algorithm: 'MovingAverage', symbols: ['AAPL'] },
    }),
  );

describe('starting a strategy', () => {
  it('lets exactly one of two concurrent starts win; the loser leaves no bot behind', async () => {
    // The trader may run five bots, so only the strategy itself stands between the two starts.
    const strategy = await newStrategy();
    const start = () =>
      startStrategy(deps, principal, ZStrategyStartInput.parse({ strategyId: strategy.id }));
    const results = await Promise.allSettled([start(), start()]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already running/),
    });
    const winner = (won[0] as PromiseFulfilledResult<{ botId: number | null }>).value;
    const bots = await db.prisma.bot.findMany();
    expect(bots.map((bot) => bot.id)).toEqual([winner.botId]);
    expect(await db.prisma.strategyRun.count()).toBe(1);
    // Its bot was started and stopped (the outbox says so), but leaves no performance record.
    expect(await db.prisma.performanceRecord.count()).toBe(0);
    expect(await db.prisma.strategyEvent.count({ where: { type: 'started' } })).toBe(1);
  });

  it('stops and starts again on a new bot, keeping every run', async () => {
    const strategy = await newStrategy();
    const first = await startStrategy(deps, principal, {
      strategyId: strategy.id,
      initialCash: 1000,
    });
    const stopped = await stopStrategy(deps, principal, strategy.id);
    expect(stopped).toMatchObject({ status: 'inactive', botId: first.botId });
    const second = await startStrategy(deps, principal, {
      strategyId: strategy.id,
      initialCash: 2000,
    });
    expect(second.botId).not.toBe(first.botId);
    const runs = await db.prisma.strategyRun.findMany({ include: { bot: true } });
    expect(runs.map((run) => [run.botId, Number(run.bot.initialCash)])).toEqual([
      [first.botId, 1000],
      [second.botId, 2000],
    ]);
  });
});
