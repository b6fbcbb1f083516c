import { z } from 'zod';

/**
 * The Monte Carlo a backtest adds (`include_monte_carlo`, `monte_carlo_runs`): how many runs and
 * how trades are drawn; the seed is the backtest's.
 */
export const ZMonteCarloSettings = z.strictObject({
  runs: z.int().min(1).max(1_000_000).default(1000),
  method: z.enum(['bootstrap', 'shuffle']).default('bootstrap'),
});
export type MonteCarloSettings = z.input<typeof ZMonteCarloSettings>;
