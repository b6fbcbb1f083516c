import { DomainError } from '@tradewind/core';
import { z } from 'zod';

/** Values to try per parameter, e.g. `{ fast: [5, 10], slow: [30, 50] }`. */
export const ZParameterGrid = z.record(
  z.string().min(1),
  z.array(z.union([z.number(), z.string(), z.boolean()])).min(1),
);
export type ParameterGrid = z.infer<typeof ZParameterGrid>;

/** More combinations than this is a mistake, not a search (each one is a backtest per window). */
export const MAX_GRID_COMBINATIONS = 1000;

/**
 * Every combination of the grid's values laid over `base` (grid values win), in order: the
 * first parameter varies slowest. An empty grid gives just `base`.
 *
 * @throws DomainError `VALIDATION_ERROR` beyond {@link MAX_GRID_COMBINATIONS}.
 */
export function expandGrid(
  base: Readonly<Record<string, unknown>>,
  grid: ParameterGrid = {},
): Record<string, unknown>[] {
  const entries = Object.entries(grid);
  const count = entries.reduce((product, [, values]) => product * values.length, 1);
  if (count > MAX_GRID_COMBINATIONS) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `the parameter grid has ${count} combinations; at most ${MAX_GRID_COMBINATIONS} are allowed`,
      { field: 'grid' },
    );
  }
  let combinations: Record<string, unknown>[] = [{ ...base }];
  for (const [name, values] of entries) {
    combinations = combinations.flatMap((combination) =>
      values.map((value) => ({ ...combination, [name]: value })),
    );
  }
  return combinations;
}
