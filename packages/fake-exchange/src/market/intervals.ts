const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
// 1970-01-01 was a Thursday; Binance's weekly candles open on Mondays.
const MONDAY_OFFSET = 4 * DAY;

/** A Binance kline interval: how to find the candle holding a time, and the next one. */
export type Interval = {
  readonly name: string;
  /** Open time of the candle that contains `time`. */
  align(time: number): number;
  /** Open time of the candle after the one opening at `openTime`. */
  next(openTime: number): number;
  /** Open time of the candle before the one opening at `openTime`. */
  previous(openTime: number): number;
};

function fixed(name: string, length: number, offset = 0): Interval {
  return {
    name,
    align: (time) => Math.floor((time - offset) / length) * length + offset,
    next: (openTime) => openTime + length,
    previous: (openTime) => openTime - length,
  };
}

function monthStart(time: number, monthsLater: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsLater, 1);
}

const month: Interval = {
  name: '1M',
  align: (time) => monthStart(time, 0),
  next: (openTime) => monthStart(openTime, 1),
  previous: (openTime) => monthStart(openTime, -1),
};

const MINUTES: Record<string, number> = {
  '1m': 1,
  '3m': 3,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '4h': 240,
  '6h': 360,
  '8h': 480,
  '12h': 720,
  '1d': 1440,
  '3d': 4320,
};

const INTERVALS = new Map<string, Interval>([
  ...Object.entries(MINUTES).map(
    ([name, minutes]) => [name, fixed(name, minutes * MINUTE)] as const,
  ),
  ['1w', fixed('1w', 7 * DAY, MONDAY_OFFSET)],
  ['1M', month],
]);

/** The interval Binance names so (`1m` .. `1M`; `1s` is not served), or undefined. */
export function findInterval(name: string): Interval | undefined {
  return INTERVALS.get(name);
}

export { MINUTE };
