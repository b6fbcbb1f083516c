import { z } from 'zod';
import type { Bar } from '../data/bar.ts';
import { BollingerBands } from '../indicators/bollinger-bands.ts';
import { enterLong, exitLong } from '../strategy/position-actions.ts';
import type { Strategy, StrategyContext } from '../strategy/strategy.ts';
import { defineStrategy } from '../strategy/strategy-definition.ts';

/** Parameters of {@link BreakoutStrategy}: Bollinger period and width in standard deviations. */
export const ZBreakoutParams = z.strictObject({
  period: z.int().min(2).max(10_000).default(20),
  stdDev: z.number().positive().max(10).default(2),
});
export type BreakoutParams = z.output<typeof ZBreakoutParams>;

/**
 * Bollinger breakout, long-only: buys when the close ends above the upper band, sells when it
 * ends below the middle band.
 */
export class BreakoutStrategy implements Strategy {
  readonly name = 'Breakout';
  readonly warmupBars: number;
  readonly bands: BollingerBands;

  constructor(params: BreakoutParams) {
    this.bands = new BollingerBands(params.period, params.stdDev);
    this.warmupBars = this.bands.warmupPeriod;
  }

  onBar(bar: Bar, context: StrategyContext): void {
    const bands = this.bands;
    bands.update(bar.close);
    if (bar.close > bands.upper) enterLong(context, bar.close);
    else if (bar.close < bands.middle) exitLong(context);
  }
}

export const breakoutDefinition = defineStrategy({
  name: 'Breakout',
  description: 'Bollinger breakout: long on a close above the upper band, flat below the middle.',
  category: 'breakout',
  riskLevel: 'high',
  paramsSchema: ZBreakoutParams,
  create: (params) => new BreakoutStrategy(params),
});
