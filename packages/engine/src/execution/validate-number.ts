import { DomainError } from '@tradewind/core';

/**
 * Throws `VALIDATION_ERROR` naming `field` unless `value` is finite and within
 * [minimum, maximum) — or (minimum, maximum) when `exclusiveMinimum`.
 */
export function validateNumber(
  field: string,
  value: number,
  range: { minimum: number; maximum?: number; exclusiveMinimum?: boolean },
): number {
  const { minimum, maximum = Number.POSITIVE_INFINITY, exclusiveMinimum = false } = range;
  const aboveMinimum = exclusiveMinimum ? value > minimum : value >= minimum;
  if (typeof value !== 'number' || !Number.isFinite(value) || !aboveMinimum || value >= maximum) {
    const lower = exclusiveMinimum ? `greater than ${minimum}` : `at least ${minimum}`;
    const upper = Number.isFinite(maximum) ? ` and less than ${maximum}` : '';
    throw new DomainError(
      'VALIDATION_ERROR',
      `${field} must be a number ${lower}${upper} (got ${String(value)})`,
      { field },
    );
  }
  return value;
}
