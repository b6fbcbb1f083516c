import { DomainError } from '@tradewind/core';

/** Throws a clear error unless `value` is a whole number of bars of at least `minimum`. */
export function assertPeriod(name: string, value: number, minimum = 1): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `${name} must be a whole number of bars of at least ${minimum} (got ${value})`,
      { field: name },
    );
  }
}
