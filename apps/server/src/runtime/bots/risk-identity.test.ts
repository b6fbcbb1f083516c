import type { RiskSettings, Timeframe } from '@tradewind/core';
import {
  type Bar,
  type Fill,
  type RiskRules,
  runBacktest,
  runEnsembleBacktest,
  SeededRandom,
} from '@tradewind/engine';
import type { TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketFeed } from '../../market/market-feed.ts';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { createBot } from '../../services/bots/create-bot.ts';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import { BotRunner } from './bot-runner.ts';

const TIMEFRAME: Timeframe = '6h';
const STEP = TIMEFRAME_MS[TIMEFRAME];
const START = Date.UTC(2026, 2, 2);
/** Bars the bots trade: 8 UTC days of 6-hour bars. */
const LIVE_BARS = 32;
/** Startup candles a MovingAverage(2, 4) bot reads (`warmupLength`: at least 100). */
const HISTORY = 100;
const STRATEGY = { name: 'MovingAverage', params: { fast: 2, slow: 4 } };
const INITIAL_CASH = 10_000;
const POSITION_PERCENT = 50;
/** Off for a bot: a 100 % loss never happens, a 100 % stop never triggers. */
const OFF = { stopLossPercent: 100, maxDrawdownPercent: 100, maxDailyLossPercent: 100 };

/** A seeded walk of 6-hour bars with moves up to ±4 %: every rule below acts on it. */
const BARS: Bar[] = (() => {
  const random = new SeededRandom(22);
  let close = 100;
  return Array.from({ length: HISTORY + LIVE_BARS + 10 }, (_, index) => {
    const open = close;
    close = open * (1 + (random.next() - 0.5) * 0.08);
    const time = START + (index - HISTORY) * STEP;
    return {
      time,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: 1,
    };
  });
})();

/** The walk as a bot's market: bar `i` opens at `START + i × STEP`. */
const market: MarketFeed = {
  align: (timeframe, time) => Math.floor(time / TIMEFRAME_MS[timeframe]) * TIMEFRAME_MS[timeframe],
  barAt: (_symbol, _timeframe, time) => BARS[(time - START) / STEP + HISTORY] as Bar,
  history: (_symbol, _timeframe, time, count) => {
    const end = (time - START) / STEP + HISTORY;
    return BARS.slice(end - count, end);
  },
};

/** The same rule set as a bot's percents and as the engine's fractions. */
const CASES: ReadonlyArray<{ name: string; bot: RiskSettings; rules: RiskRules; acts: string }> = [
  {
    name: 'stop-loss',
    bot: { ...OFF, stopLossPercent: 3, cooldownBars: 0 },
    rules: { stopLoss: 0.03 },
    acts: 'stop_loss',
  },
  {
    name: 'cooldown',
    bot: { ...OFF, stopLossPercent: 3, cooldownBars: 3 },
    rules: { stopLoss: 0.03, cooldownBars: 3 },
    acts: 'stop_loss',
  },
  {
    name: 'max drawdown',
    bot: { ...OFF, maxDrawdownPercent: 4 },
    rules: { maxDrawdown: 0.04 },
    acts: 'max_drawdown',
  },
  {
    name: 'daily loss',
    bot: { ...OFF, maxDailyLossPercent: 2 },
    rules: { maxDailyLoss: 0.02 },
    acts: 'max_daily_loss',
  },
];

let db: TestDatabase;
let deps: BotDeps;
const botIds = new Map<string, number>();

// All four bots trade the same bars in one runner, one bar per tick.
beforeAll(async () => {
  const fixture = await createRuntimeFixture(market, new Date(START));
  ({ db, deps } = fixture);
  for (const { name, bot: risk } of CASES) {
    const bot = await createBot(deps, fixture.principal, {
      mode: 'PAPER',
      initialCash: INITIAL_CASH,
      symbols: ['AAPL'],
      strategy: STRATEGY.name,
      params: STRATEGY.params,
      timeframe: TIMEFRAME,
      riskMode: 'balanced',
      risk: { ...risk, maxPositionPercent: POSITION_PERCENT },
    });
    botIds.set(name, bot.id);
  }
  const runner = new BotRunner(deps, { owner: 'identity', barMs: 1, leaseMs: 60_000 });
  for (let i = 0; i < LIVE_BARS; i++) await runner.tick();
  await runner.stop();
}, 300_000);
afterAll(async () => {
  await db?.close();
});

const rounded = (value: number) => Number(value.toFixed(8));
const engineFills = (fills: readonly Fill[]) =>
  fills.map((fill) => ({
    action: fill.side,
    quantity: rounded(fill.quantity),
    price: rounded(fill.price),
    barTime: fill.time,
  }));

describe('one risk implementation: a running bot, runBacktest and an ensemble give the same fills', () => {
  for (const { name, rules, acts } of CASES) {
    it(name, async () => {
      const botId = botIds.get(name) as number;
      const bot = await db.prisma.bot.findUniqueOrThrow({ where: { id: botId } });
      expect(bot.lastBarTime?.getTime()).toBe(START + (LIVE_BARS - 1) * STEP);
      const rows = await db.prisma.trade.findMany({
        where: { botId },
        orderBy: { sequence: 'asc' },
      });
      const botFills = rows.map((row) => ({
        action: row.action,
        quantity: rounded(Number(row.quantity)),
        price: rounded(Number(row.price)),
        barTime: row.barTime.getTime(),
      }));
      // The bars the bot saw: its startup candles and its live bars.
      const seen = { AAPL: BARS.slice(0, HISTORY + LIVE_BARS) };
      const costs = {
        bars: seen,
        startTime: START,
        initialCash: INITIAL_CASH,
        commission: deps.config.paperCommissionRate,
        sizing: { type: 'percent_of_equity', percent: POSITION_PERCENT },
      } as const;
      const backtest = runBacktest({ ...costs, strategy: STRATEGY, risk: rules });
      const ensemble = runEnsembleBacktest({
        ...costs,
        members: [{ ...STRATEGY, weight: 1 }],
        settings: { rebalance: 'never', riskManagement: rules },
      });
      // The bot raised the rule's alert, and the backtest saw the same rule act.
      const alerts = await db.prisma.outboxEvent.findMany({ where: { botId, type: 'alert' } });
      expect(alerts.map((alert) => (alert.payload as { kind: string }).kind)).toContain(acts);
      expect(backtest.riskEvents.some((event) => event.rule === acts)).toBe(true);
      expect(botFills).toEqual(engineFills(backtest.fills));
      expect(engineFills(ensemble.members[0]?.executions ?? [])).toEqual(
        engineFills(backtest.fills),
      );
      // A halting rule paused the bot; the backtest traded nothing after it either.
      expect(bot.status).toBe(acts === 'stop_loss' ? 'ACTIVE' : 'PAUSED');
    });
  }

  it('the cooldown changed what the stop-loss alone traded', async () => {
    const trades = async (name: string) =>
      db.prisma.trade.findMany({ where: { botId: botIds.get(name) as number } });
    expect((await trades('cooldown')).length).toBeLessThan((await trades('stop-loss')).length);
  });
});
