import { z } from 'zod';
import type { Bar } from '../data/bar.ts';
import { RSI } from '../indicators/rsi.ts';
import { enterLong, exitLong } from '../strategy/position-actions.ts';
import type { Strategy, StrategyContext } from '../strategy/strategy.ts';
import { defineStrategy } from '../strategy/strategy-definition.ts';

/** Parameters of {@link MeanReversionStrategy}: RSI period, thresholds in 0..100. */
export const ZMeanReversionParams = z
  .strictObject({
    period: z.int().min(2).max(10_000).default(14),
    oversold: z.number().min(0).max(100).default(30),
    overbought: z.number().min(0).max(100).default(70),
  })
  .refine((params) => params.oversold < params.overbought, {
    path: ['oversold'],
    error: (issue) => {
      const input = issue.input as { oversold: number; overbought: number };
      return `must be less than overbought (got oversold ${input.oversold}, overbought ${input.overbought})`;
    },
  });
export type MeanReversionParams = z.output<typeof ZMeanReversionParams>;

/** RSI mean reversion, long-only: buys while RSI < oversold, sells while RSI > overbought. */
export class MeanReversionStrategy implements Strategy {
  readonly name = 'MeanReversion';
  readonly warmupBars: number;
  readonly rsi: RSI;
  readonly oversold: number;
  readonly overbought: number;

  constructor(params: MeanReversionParams) {
    this.rsi = new RSI(params.period);
    this.oversold = params.oversold;
    this.overbought = params.overbought;
    this.warmupBars = this.rsi.warmupPeriod;
  }

  onBar(bar: Bar, context: StrategyContext): void {
    const rsi = this.rsi.update(bar.close);
    if (rsi < this.oversold) enterLong(context, bar.close);
    else if (rsi > this.overbought) exitLong(context);
  }
}

export const meanReversionDefinition = defineStrategy({
  name: 'MeanReversion',
  description: 'RSI mean reversion: long when RSI falls below oversold, flat above overbought.',
  category: 'mean_reversion',
  riskLevel: 'medium',
  paramsSchema: ZMeanReversionParams,
  create: (params) => new MeanReversionStrategy(params),
});
