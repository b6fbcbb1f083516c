import { InvalidArgumentError } from 'commander';

/**
 * Commander argument parsers for trading input. Each refuses a bad value with one line before
 * anything is sent; the server checks again (and decides what only it can, such as whether a
 * strategy exists or an end time is still ahead).
 */

/** A plain decimal number: `10000`, `2.5`, `-1`, `1e4`; not `0x10`, `Infinity` or empty. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Same rule as the server's symbol contract (packages/core/src/contracts/bots.ts, ZSymbol). */
const SYMBOL = /^[A-Z0-9][A-Z0-9./-]{0,19}$/;

/** A zone is required: an end time without one would mean something else on another machine. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function decimal(value: string): number | undefined {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

/** `--cash 10000`: a finite number above zero. */
export function positiveNumber(value: string): number {
  const number = decimal(value);
  if (number === undefined || number <= 0) {
    throw new InvalidArgumentError('must be a number greater than 0.');
  }
  return number;
}

/** `--limit 50`, `--quantity 3`: a whole number of at least 1. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1.');
  }
  return number;
}

/** `--offset 0`: a whole number, zero or more. */
export function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('must be a whole number (0 or more).');
  }
  return number;
}

/** A bot id as `bots list` shows it. */
export function botId(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('must be a bot id (a whole number, see `tradewind bots list`).');
  }
  return number;
}

/**
 * A parser for another id `tradewind` lists, e.g. `idArgument('an alert id', 'tradewind alerts
 * system')`: a positive whole number, else the error names what it must be and where to look.
 */
export function idArgument(noun: string, listedBy: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`must be ${noun} (a whole number, see \`${listedBy}\`).`);
    }
    return number;
  };
}

/** `AAPL` / `aapl` -> `AAPL`. */
export function symbol(value: string): string {
  const upper = value.trim().toUpperCase();
  if (upper === '') throw new InvalidArgumentError('must name a symbol such as AAPL.');
  if (!SYMBOL.test(upper)) {
    throw new InvalidArgumentError(`"${value.trim()}" is not a ticker such as AAPL or BTC/USD.`);
  }
  return upper;
}

/** `aapl,GOOGL` -> `['AAPL', 'GOOGL']`: at least one, none empty, none twice. */
export function symbolList(value: string): string[] {
  if (value.trim() === '') {
    throw new InvalidArgumentError('must name at least one symbol, e.g. AAPL,GOOGL.');
  }
  const symbols = value.split(',').map((part, index) => {
    if (part.trim() === '') {
      throw new InvalidArgumentError(`symbol ${index + 1} is empty; separate symbols with commas.`);
    }
    return symbol(part);
  });
  const repeated = symbols.find((name, index) => symbols.indexOf(name) !== index);
  if (repeated) throw new InvalidArgumentError(`${repeated} is listed twice.`);
  return symbols;
}

export type ParamValue = number | boolean | string;

/** `10` -> 10, `true`/`false` -> booleans, anything else stays text. */
export function paramValue(value: string): ParamValue {
  const number = decimal(value);
  if (number !== undefined) return number;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/**
 * A repeatable `key=value` option (`--param fast=10 --param slow=30`), collected into one
 * object; `example` shows the form in errors.
 */
export function keyValue(example: string) {
  return (value: string, previous: Record<string, ParamValue> | undefined) => {
    const match = value.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/);
    if (!match) throw new InvalidArgumentError(`expected key=value, e.g. ${example}.`);
    const [, key, raw] = match as unknown as [string, string, string];
    const text = raw.trim();
    if (text === '') throw new InvalidArgumentError(`${key} has no value.`);
    if (previous && key in previous) throw new InvalidArgumentError(`${key} is given twice.`);
    return { ...previous, [key]: paramValue(text) };
  };
}

/** `2026-12-31T16:00:00Z` (a zone is required) -> the same instant in UTC ISO form. */
export function isoDateTime(value: string): string {
  const trimmed = value.trim();
  const match = trimmed.match(ISO_DATE_TIME);
  const time = Date.parse(trimmed);
  if (!match || Number.isNaN(time) || !isCalendarDate(match)) {
    throw new InvalidArgumentError(
      'must be an ISO 8601 date-time with a zone, e.g. 2026-12-31T16:00:00Z.',
    );
  }
  return new Date(time).toISOString();
}

/** `Date.parse` rolls 2026-02-30 over into March; a typo should not move the date. */
function isCalendarDate([, year, month, day]: RegExpMatchArray): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A parser for a UUID id (`uuidOf('a group id')`), lower-cased. */
export function uuidOf(noun: string) {
  return (value: string): string => {
    if (!UUID_PATTERN.test(value)) throw new InvalidArgumentError(`must be ${noun} (a UUID).`);
    return value.toLowerCase();
  };
}

/** `--risk 5`: a percent above 0 and at most 100. */
export function percent(value: string): number {
  const number = positiveNumber(value);
  if (number > 100) throw new InvalidArgumentError('must be a percent, at most 100.');
  return number;
}
