import { InvalidArgumentError } from 'commander';
import { type ParamValue, paramValue } from '../option-parsers.ts';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/;

/** `--start 2010-01-04` or `2010-01-04T09:30` (UTC, like the bars' naive times) -> epoch ms. */
export function barTime(value: string): number {
  const match = value.trim().match(DATE_TIME);
  const [year, month, day, hour, minute, second] = (match ?? []).slice(1).map(Number);
  const time = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour || 0, minute || 0, second || 0);
  // Date.UTC rolls 2010-02-30 over into March; a typo should not move the date.
  if (
    !match ||
    new Date(time).getUTCDate() !== day ||
    new Date(time).getUTCMonth() !== (month ?? 0) - 1
  ) {
    throw new InvalidArgumentError('must be a date such as 2010-01-04 or 2010-01-04T09:30 (UTC).');
  }
  return time;
}

/** `--end 2014-12-31` covers the whole day: -> the last millisecond of it. */
export function endBarTime(value: string): number {
  const time = barTime(value);
  return DATE_ONLY.test(value.trim()) ? time + DAY_MS - 1 : time;
}

/** `--rate 0.001`: a fraction in [0, 1). */
export function rate(value: string): number {
  const number = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number >= 1) {
    throw new InvalidArgumentError(
      'must be a fraction from 0 up to (not including) 1, e.g. 0.001.',
    );
  }
  return number;
}

/** `--stop-loss 0.05`: a fraction above 0, at most 1. */
export function lossFraction(value: string): number {
  const number = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 1) {
    throw new InvalidArgumentError('must be a fraction above 0 and at most 1, e.g. 0.05 for 5 %.');
  }
  return number;
}

/**
 * A repeatable `--grid fast=5,10,20`: values to try per parameter, collected into one object.
 */
export function gridEntry(value: string, previous: Record<string, ParamValue[]> | undefined) {
  const match = value.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/);
  if (!match) throw new InvalidArgumentError('expected name=value,value,..., e.g. fast=5,10,20.');
  const [, key, raw] = match as unknown as [string, string, string];
  const values = raw.split(',').map((part) => part.trim());
  if (values.some((part) => part === '')) {
    throw new InvalidArgumentError(`${key} needs values separated by commas, e.g. ${key}=5,10,20.`);
  }
  if (previous && key in previous) throw new InvalidArgumentError(`${key} is given twice.`);
  return { ...previous, [key]: values.map(paramValue) };
}

/** The symbol a data file trades under by default: `orcl-1995-2014.txt` -> `ORCL`. */
export function symbolFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.split(/[-_.\s]/)[0]?.toUpperCase() ?? '';
  return /^[A-Z0-9][A-Z0-9./-]{0,19}$/.test(stem) ? stem : 'DATA';
}
