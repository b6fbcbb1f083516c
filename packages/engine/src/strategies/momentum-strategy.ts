import { z } from 'zod';
import type { Bar } from '../data/bar.ts';
import { Crossover } from '../indicators/crossover.ts';
import { MACD } from '../indicators/macd.ts';
import { enterLong, exitLong } from '../strategy/position-actions.ts';
import type { Strategy, StrategyContext } from '../strategy/strategy.ts';
import { defineStrategy } from '../strategy/strategy-definition.ts';

/** Parameters of {@link MomentumStrategy}: MACD EMA periods in bars, `fast < slow`. */
export const ZMomentumParams = z
  .strictObject({
    fast: z.int().min(1).max(10_000).default(12),
    slow: z.int().min(2).max(10_000).default(26),
    signal: z.int().min(1).max(10_000).default(9),
  })
  .refine((params) => params.fast < params.slow, {
    path: ['fast'],
    error: (issue) => {
      const input = issue.input as { fast: number; slow: number };
      return `must be less than slow (got fast ${input.fast}, slow ${input.slow})`;
    },
  });
export type MomentumParams = z.output<typeof ZMomentumParams>;

/** MACD momentum, long-only: buys when the MACD line crosses above its signal, sells below. */
export class MomentumStrategy implements Strategy {
  readonly name = 'Momentum';
  readonly warmupBars: number;
  readonly macd: MACD;
  #cross = new Crossover();

  constructor(params: MomentumParams) {
    this.macd = new MACD(params.fast, params.slow, params.signal);
    this.warmupBars = this.macd.warmupPeriod + 1;
  }

  onBar(bar: Bar, context: StrategyContext): void {
    const macd = this.macd;
    macd.update(bar.close);
    const direction = this.#cross.update(macd.line, macd.signal);
    if (direction === 1) enterLong(context, bar.close);
    else if (direction === -1) exitLong(context);
  }
}

export const momentumDefinition = defineStrategy({
  name: 'Momentum',
  description: 'MACD momentum: long when the MACD line crosses above its signal, flat below.',
  category: 'momentum',
  riskLevel: 'medium',
  paramsSchema: ZMomentumParams,
  create: (params) => new MomentumStrategy(params),
});
