import { z } from 'zod';
import type { Bar } from '../data/bar.ts';
import { Crossover } from '../indicators/crossover.ts';
import { SMA } from '../indicators/sma.ts';
import { enterLong, exitLong } from '../strategy/position-actions.ts';
import type { Strategy, StrategyContext } from '../strategy/strategy.ts';
import { defineStrategy } from '../strategy/strategy-definition.ts';

/** Parameters of {@link MovingAverageStrategy}: SMA periods in bars, `fast < slow`. */
export const ZMovingAverageParams = z
  .strictObject({
    fast: z.int().min(1).max(10_000).default(10),
    slow: z.int().min(2).max(10_000).default(30),
  })
  .refine((params) => params.fast < params.slow, {
    path: ['fast'],
    error: (issue) => {
      const input = issue.input as { fast: number; slow: number };
      return `must be less than slow (got fast ${input.fast}, slow ${input.slow})`;
    },
  });
export type MovingAverageParams = z.output<typeof ZMovingAverageParams>;

/**
 * Fast/slow simple moving average crossover, long-only: buys the sized quantity on a golden
 * cross (fast crosses above slow, see {@link Crossover}) when flat, sells everything on a death
 * cross when long.
 */
export class MovingAverageStrategy implements Strategy {
  readonly name = 'MovingAverage';
  readonly warmupBars: number;
  readonly fast: SMA;
  readonly slow: SMA;
  #cross = new Crossover();

  constructor(params: MovingAverageParams) {
    this.fast = new SMA(params.fast);
    this.slow = new SMA(params.slow);
    // One bar beyond the slow window: a cross needs a previous warm pair.
    this.warmupBars = params.slow + 1;
  }

  onBar(bar: Bar, context: StrategyContext): void {
    const close = bar.close;
    const direction = this.#cross.update(this.fast.update(close), this.slow.update(close));
    if (direction === 1) enterLong(context, close);
    else if (direction === -1) exitLong(context);
  }
}

export const movingAverageDefinition = defineStrategy({
  name: 'MovingAverage',
  description: 'Simple moving average crossover: long on a golden cross, flat on a death cross.',
  category: 'trend_following',
  riskLevel: 'medium',
  paramsSchema: ZMovingAverageParams,
  create: (params) => new MovingAverageStrategy(params),
});
