import { DomainError } from '@tradewind/core';
import { getStrategyDefinition } from '../strategy/strategy-registry.ts';

/** One searched parameter: values from `min` to `max` inclusive, whole numbers when `integer`. */
export type ParameterRange = {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
};

/** The parameters an optimiser searches; the strategy's defaults fill in the rest. */
export type SearchSpace = readonly ParameterRange[];

/** Trials an optimisation may ask for. */
export const MAX_TRIALS = 100_000;

/**
 * Checks `space` against the strategy's parameters and `trials` against {@link MAX_TRIALS}.
 *
 * @throws DomainError `VALIDATION_ERROR` naming the field: an empty space, a range whose
 *   bounds are not finite or are inverted, a parameter the strategy lacks or one named twice, or
 *   trials outside 1..100,000.
 */
export function validateSearch(strategy: string, space: SearchSpace, trials: number): void {
  const definition = getStrategyDefinition(strategy);
  if (space.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'the search space names no parameter', {
      field: 'space',
    });
  }
  const seen = new Set<string>();
  for (const range of space) {
    const field = `space.${range.name}`;
    if (!Object.hasOwn(definition.defaults, range.name)) {
      const known = Object.keys(definition.defaults).join(', ');
      throw new DomainError(
        'VALIDATION_ERROR',
        `${definition.name} has no parameter "${range.name}" (it has ${known})`,
        { field },
      );
    }
    if (seen.has(range.name)) {
      throw new DomainError('VALIDATION_ERROR', `${range.name} is searched twice`, { field });
    }
    seen.add(range.name);
    if (!Number.isFinite(range.min) || !Number.isFinite(range.max)) {
      throw new DomainError('VALIDATION_ERROR', `${range.name}: the bounds must be numbers`, {
        field,
      });
    }
    if (range.min > range.max) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `${range.name}: the range ${range.min}..${range.max} is inverted (min above max)`,
        { field },
      );
    }
  }
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `trials must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')} (got ${trials})`,
      { field: 'trials' },
    );
  }
}

/** The parameter values of a point of the unit cube (one coordinate per range, in 0..1). */
export function pointToParams(
  space: SearchSpace,
  point: readonly number[],
): Record<string, number> {
  const params: Record<string, number> = {};
  space.forEach((range, index) => {
    const u = point[index] as number;
    // Whole numbers: min..max in equal slices of the unit interval (each value as likely).
    params[range.name] = range.integer
      ? Math.min(range.max, Math.floor(range.min + u * (range.max - range.min + 1)))
      : range.min + u * (range.max - range.min);
  });
  return params;
}
