// The MovingAverage built-in written as a strategy file: the public API's reference example.
// A strategy file imports types only, so the same file runs locally and in the server's sandbox.
import type { StrategyModule } from '../src/index.ts';

type Params = { fast: number; slow: number };

export default {
  name: 'MovingAverageFile',
  description: 'Simple moving average crossover: long on a golden cross, flat on a death cross.',
  params: {
    fast: { type: 'integer', default: 10, min: 1, max: 10_000, description: 'fast SMA period' },
    slow: { type: 'integer', default: 30, min: 2, max: 10_000, description: 'slow SMA period' },
  },
  create(params, { indicators, enterLong, exitLong }) {
    const fast = new indicators.SMA(params.fast);
    const slow = new indicators.SMA(params.slow);
    const cross = new indicators.Crossover();
    return {
      warmupBars: params.slow + 1,
      onBar(bar, context) {
        const direction = cross.update(fast.update(bar.close), slow.update(bar.close));
        if (direction === 1) enterLong(context, bar.close);
        else if (direction === -1) exitLong(context);
      },
    };
  },
} satisfies StrategyModule<Params>;
