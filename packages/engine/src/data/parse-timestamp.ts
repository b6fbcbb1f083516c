// Timestamps are parsed by hand rather than with Date.parse: Date.parse treats a bare date as UTC
// but a date with a time as local time, which would make imports depend on the machine's zone.

const DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

/**
 * Parses a date or date-time into epoch milliseconds, reading naive values as UTC.
 * Accepts `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM-DD HH:MM[:SS[.mmm]]` (space or `T`, optional `Z`)
 * and epoch numbers (seconds below 1e11, milliseconds above). Returns NaN when unreadable.
 */
export function parseTimestamp(text: string): number {
  const match = DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (match !== null) {
    const [, year, month, day, hour, minute, second, millis] = match;
    return utc(year, month, day, hour, minute, second, millis);
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    return value < 1e11 ? value * 1000 : value;
  }
  return Number.NaN;
}

/** Parses `HH:MM[:SS]` into milliseconds after midnight; NaN when unreadable. */
export function parseTimeOfDay(text: string): number {
  const match = TIME.exec(text);
  if (match === null) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function utc(
  year = '',
  month = '',
  day = '',
  hour = '0',
  minute = '0',
  second = '0',
  millis = '0',
): number {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const time = Date.UTC(y, m - 1, d, Number(hour), Number(minute), Number(second), Number(millis));
  // Date.UTC rolls 2021-02-30 over into March; a calendar date that does not exist is an error.
  const check = new Date(Math.floor(time / DAY_MS) * DAY_MS);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    return Number.NaN;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return Number.NaN;
  return time;
}
