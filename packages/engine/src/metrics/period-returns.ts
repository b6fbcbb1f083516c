/** Calendar buckets a returns breakdown can use (UTC). */
export type ReturnPeriod = 'daily' | 'weekly' | 'monthly';

/** The return over one calendar period. */
export type PeriodReturn = {
  /** `2024-03-15` (daily), ISO week `2024-W11` (weekly, weeks start Monday), `2024-03` (monthly). */
  readonly period: string;
  /** First and last bar times inside the period. */
  readonly startTime: number;
  readonly endTime: number;
  /** Equity at the previous period's last bar (the first period: its own first bar). */
  readonly startEquity: number;
  /** Equity at the period's last bar. */
  readonly endEquity: number;
  readonly pnl: number;
  /** `endEquity / startEquity - 1`. */
  readonly return: number;
};

const DAY_MS = 86_400_000;

/**
 * Splits an equity curve into calendar periods (UTC) and gives each period's close-to-close
 * return: from the equity at the end of the previous period to the equity at the end of this
 * one, so the periods chain (their returns compound to the total return).
 */
export function periodReturns(
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
  period: ReturnPeriod,
): PeriodReturn[] {
  const result: PeriodReturn[] = [];
  const n = Math.min(times.length, equity.length);
  if (n === 0) return result;
  let startEquity = equity[0] as number;
  let startTime = times[0] as number;
  // Periods are compared as integers; the text label is only built once per period, and the
  // period id only recomputed when the day changes (intraday bars share it).
  let id = periodId(startTime, period);
  let day = Math.floor(startTime / DAY_MS);
  for (let i = 1; i <= n; i++) {
    let nextId = Number.NaN;
    if (i < n) {
      const time = times[i] as number;
      const nextDay = Math.floor(time / DAY_MS);
      nextId = nextDay === day ? id : periodId(time, period);
      day = nextDay;
    }
    if (nextId === id) continue;
    const endEquity = equity[i - 1] as number;
    result.push({
      period: periodLabel(startTime, period),
      startTime,
      endTime: times[i - 1] as number,
      startEquity,
      endEquity,
      pnl: endEquity - startEquity,
      return: endEquity / startEquity - 1,
    });
    startEquity = endEquity;
    if (i < n) startTime = times[i] as number;
    id = nextId;
  }
  return result;
}

/**
 * A number identifying the UTC calendar period of `time`: days since the epoch, Monday-based
 * weeks since the epoch (1970-01-01 was a Thursday, hence the +3), or `year * 12 + month`.
 */
export function periodId(time: number, period: ReturnPeriod): number {
  const day = Math.floor(time / DAY_MS);
  if (period === 'daily') return day;
  if (period === 'weekly') return Math.floor((day + 3) / 7);
  return monthIndex(day);
}

/** `year * 12 + month - 1` of a day number, by Hinnant's civil-from-days (no Date allocation). */
function monthIndex(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthPrime = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The calendar label of a UTC time for the given period. */
export function periodLabel(time: number, period: ReturnPeriod): string {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = pad(date.getUTCMonth() + 1);
  if (period === 'monthly') return `${year}-${month}`;
  if (period === 'daily') return `${year}-${month}-${pad(date.getUTCDate())}`;
  // ISO 8601 week: the week (Monday..Sunday) belongs to the year of its Thursday.
  const dayIndex = (date.getUTCDay() + 6) % 7;
  const thursday = Math.floor(time / DAY_MS) * DAY_MS + (3 - dayIndex) * DAY_MS;
  const thursdayYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(thursdayYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${thursdayYear}-W${pad(week)}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
