import type { ParameterRange } from '@tradewind/engine';
import { InvalidArgumentError } from 'commander';

const RANGE = /^([A-Za-z_][\w]*)=(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/;

/**
 * `--space fast=5..50 slow=20..200` (repeatable, variadic): one range per parameter, whole
 * numbers when both bounds are. The engine checks the rest (inverted, unknown parameter).
 */
export function spaceEntry(
  value: string,
  previous: ParameterRange[] | undefined,
): ParameterRange[] {
  const match = value.trim().match(RANGE);
  if (!match) {
    throw new InvalidArgumentError(`"${value}" must be name=min..max, e.g. fast=5..50.`);
  }
  const [, name, min, max] = match as unknown as [string, string, string, string];
  const range = {
    name,
    min: Number(min),
    max: Number(max),
    integer: !min.includes('.') && !max.includes('.'),
  };
  return [...(previous ?? []), range];
}

/** `--trials 500`: any whole number; the engine says which are allowed (1..100,000). */
export function trialCount(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('must be a whole number.');
  }
  return number;
}
