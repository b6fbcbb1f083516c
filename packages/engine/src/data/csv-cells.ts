import { parseTimeOfDay, parseTimestamp } from './parse-timestamp.ts';

// Readers of one CSV cell, `text[start, end)`, straight from the character codes: no substring,
// no regular expression, no Date. Each answers exactly what its general counterpart
// (`Number`, `parseTimestamp`, `parseTimeOfDay`) answers for the cell's text, falling back to it
// for any spelling outside its fast path.

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, power) => 10 ** power);
const DAY_MS = 86_400_000;
const ZERO = 48;
const SPACE_CODES = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/** True for the characters `String.prototype.trim` removes. */
export function isSpace(code: number): boolean {
  if (code > 32 && code < 0xa0) return false;
  return SPACE_CODES.has(code) || (code >= 0x2000 && code <= 0x200a);
}

/**
 * `Number(text.slice(start, end))`. Plain decimals (digits with at most one point, at most 15
 * digits) are built from their digits: an integer below 2^53 divided by an exact power of ten,
 * which IEEE division rounds correctly, so the result is the same double `Number` gives.
 */
export function cellNumber(text: string, start: number, end: number): number {
  if (end - start > 15 || end === start) return Number(text.slice(start, end));
  let mantissa = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
    else if (digit === -2 && point < 0) point = i;
    else return Number(text.slice(start, end));
  }
  if (point < 0) return mantissa;
  if (end - start === 1) return Number.NaN; // "."
  return mantissa / (POWERS_OF_TEN[end - point - 1] as number);
}

/** `parseTimestamp(text.slice(start, end))`, directly for `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS`. */
export function cellTimestamp(text: string, start: number, end: number): number {
  const length = end - start;
  if ((length === 10 || length === 19) && isIsoDate(text, start)) {
    const year = digits(text, start, 4);
    const month = digits(text, start + 5, 2);
    const day = digits(text, start + 8, 2);
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      const date = daysFromCivil(year, month, day) * DAY_MS;
      if (length === 10) return date;
      const separator = text.charCodeAt(start + 10);
      if (separator === 32 || separator === 84) {
        const time = cellTimeOfDay(text, start + 11, end);
        if (!Number.isNaN(time)) return date + time;
      }
    }
  }
  return parseTimestamp(text.slice(start, end));
}

/** `parseTimeOfDay(text.slice(start, end))`, directly for `HH:MM:SS`. */
export function cellTimeOfDay(text: string, start: number, end: number): number {
  if (
    end - start === 8 &&
    text.charCodeAt(start + 2) === 58 &&
    text.charCodeAt(start + 5) === 58 &&
    areDigits(text, start, 2) &&
    areDigits(text, start + 3, 2) &&
    areDigits(text, start + 6, 2)
  ) {
    const hours = digits(text, start, 2);
    const minutes = digits(text, start + 3, 2);
    const seconds = digits(text, start + 6, 2);
    if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
    return ((hours * 60 + minutes) * 60 + seconds) * 1000;
  }
  return parseTimeOfDay(text.slice(start, end));
}

function isIsoDate(text: string, start: number): boolean {
  return (
    text.charCodeAt(start + 4) === 45 &&
    text.charCodeAt(start + 7) === 45 &&
    areDigits(text, start, 4) &&
    areDigits(text, start + 5, 2) &&
    areDigits(text, start + 8, 2)
  );
}

function areDigits(text: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days-from-civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
