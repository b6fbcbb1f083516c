import { daysInMonth } from '../data/csv-cells.ts';

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

/** Daily, weekly and monthly returns of one equity curve. */
export type PeriodReturnsByPeriod = {
  readonly daily: PeriodReturn[];
  readonly weekly: PeriodReturn[];
  readonly monthly: PeriodReturn[];
};

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
  return allPeriodReturns(times, equity)[period];
}

/** The period returns kept of each kind, and how many earlier ones were left out. */
export type RecentPeriodReturns = PeriodReturnsByPeriod & {
  readonly omitted: { readonly daily: number; readonly weekly: number; readonly monthly: number };
};

/**
 * {@link periodReturns} for the three periods in one pass over the curve: the calendar is only
 * worked out when the day changes (intraday bars share it), periods are compared as integers and
 * a period's label is built once, when it closes.
 */
export function allPeriodReturns(
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
): PeriodReturnsByPeriod {
  const { daily, weekly, monthly } = walkPeriods(times, equity, [0, 0, 0]);
  return { daily, weekly, monthly };
}

/**
 * The most recent `limit` returns of each period kind (as the server stores a result) with the
 * count of earlier ones: a first pass counts the periods without building any, the second
 * builds only the kept ones, so a 300,000-day curve costs 1,000 objects, not 300,000.
 */
export function recentPeriodReturnsOf(
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
  limit: number,
): RecentPeriodReturns {
  const counts = walkPeriods(times, equity, [Infinity, Infinity, Infinity]).counts;
  const skip = counts.map((count) => Math.max(0, count - limit)) as Triple;
  const { daily, weekly, monthly } = walkPeriods(times, equity, skip);
  return { daily, weekly, monthly, omitted: { daily: skip[0], weekly: skip[1], monthly: skip[2] } };
}

type Triple = [daily: number, weekly: number, monthly: number];

/** Walks the curve's periods; each kind builds the returns after its first `skip` periods. */
function walkPeriods(
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
  skip: Triple,
): PeriodReturnsByPeriod & { counts: Triple } {
  const n = Math.min(times.length, equity.length);
  if (n === 0) return { daily: [], weekly: [], monthly: [], counts: [0, 0, 0] };
  let day = Math.floor((times[0] as number) / DAY_MS);
  const start = [times[0] as number, equity[0] as number] as const;
  const daily = new Bucket('daily', skip[0], day, ...start);
  const weekly = new Bucket('weekly', skip[1], weekOf(day), ...start);
  const monthly = new Bucket('monthly', skip[2], monthIndex(day), ...start);
  // The open month's first day and the next month's: the calendar is only worked out anew when
  // a day falls outside them (once a month, not once a day).
  let monthStart = 0;
  let monthEnd = 0;
  let month = Number.NaN;
  for (let i = 1; i <= n; i++) {
    let nextDay = Number.NaN;
    if (i < n) {
      nextDay = Math.floor((times[i] as number) / DAY_MS);
      if (nextDay === day) continue;
    }
    const endTime = times[i - 1] as number;
    const endEquity = equity[i - 1] as number;
    const nextTime = i < n ? (times[i] as number) : Number.NaN;
    daily.advance(nextDay, endTime, endEquity, nextTime);
    weekly.advance(weekOf(nextDay), endTime, endEquity, nextTime);
    if (i === n) month = Number.NaN;
    else if (!(nextDay >= monthStart && nextDay < monthEnd)) {
      const { year, month: monthOfYear, dayOfMonth } = civilFromDays(nextDay);
      month = year * 12 + monthOfYear - 1;
      monthStart = nextDay - dayOfMonth + 1;
      monthEnd = monthStart + daysInMonth(year, monthOfYear);
    }
    monthly.advance(month, endTime, endEquity, nextTime);
    day = nextDay;
  }
  return {
    daily: daily.returns,
    weekly: weekly.returns,
    monthly: monthly.returns,
    counts: [daily.closed, weekly.closed, monthly.closed],
  };
}

/** The open period of one kind and the returns of those closed so far (after the skipped). */
class Bucket {
  readonly returns: PeriodReturn[] = [];
  closed = 0;

  constructor(
    readonly period: ReturnPeriod,
    private readonly skip: number,
    private id: number,
    private startTime: number,
    private startEquity: number,
  ) {}

  /** Closes the open period when the next step (at `nextTime`, NaN: none) is in another one. */
  advance(nextId: number, endTime: number, endEquity: number, nextTime: number): void {
    if (nextId === this.id) return;
    const startEquity = this.startEquity;
    if (this.closed >= this.skip) {
      this.returns.push({
        period:
          this.period === 'daily' ? dayLabel(this.id) : periodLabel(this.startTime, this.period),
        startTime: this.startTime,
        endTime,
        startEquity,
        endEquity,
        pnl: endEquity - startEquity,
        return: endEquity / startEquity - 1,
      });
    }
    this.closed++;
    this.id = nextId;
    this.startTime = nextTime;
    this.startEquity = endEquity;
  }
}

function weekOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** `periodLabel(time, 'daily')` of a day number, without a Date. */
function dayLabel(day: number): string {
  const { year, month, dayOfMonth } = civilFromDays(day);
  return `${year}-${pad(month)}-${pad(dayOfMonth)}`;
}

/**
 * A number identifying the UTC calendar period of `time`: days since the epoch, Monday-based
 * weeks since the epoch (1970-01-01 was a Thursday, hence the +3), or `year * 12 + month`.
 */
export function periodId(time: number, period: ReturnPeriod): number {
  const day = Math.floor(time / DAY_MS);
  if (period === 'daily') return day;
  if (period === 'weekly') return weekOf(day);
  return monthIndex(day);
}

/** `year * 12 + month - 1` of a day number. */
function monthIndex(day: number): number {
  const { year, month } = civilFromDays(day);
  return year * 12 + month - 1;
}

/** The UTC calendar date of a day number, by Hinnant's civil-from-days (no Date allocation). */
function civilFromDays(day: number): { year: number; month: number; dayOfMonth: number } {
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
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    dayOfMonth: dayOfYear - Math.floor((153 * monthPrime + 2) / 5) + 1,
  };
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
