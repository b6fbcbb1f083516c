import type { CandleGap } from '@tradewind/core';
import type { Database } from '@tradewind/db';

/** Runs of missing bars listed in a sync's answer; `missing` still counts them all. */
export const MAX_LISTED_GAPS = 100;

export type StoredSeries = { ownerId: string; venue: string; symbol: string; timeframe: string };

export type RangeCoverage = {
  candles: number;
  first: number | null;
  last: number | null;
  missing: number;
  gaps: CandleGap[];
};

const iso = (time: number) => new Date(time).toISOString();

function gap(from: number, to: number, step: number): CandleGap {
  return { from: iso(from), to: iso(to), missing: Math.round((to - from) / step) + 1 };
}

/**
 * What is stored of the bars opening from `start` to `end` (both bar open times, `step` apart):
 * how many, the first and last, and every run of bars that is not there (before the first,
 * between two stored bars, after the last). Computed by the database, so it describes the
 * table as it is, whichever runs wrote it.
 */
export async function rangeCoverage(
  db: Database,
  series: StoredSeries,
  start: number,
  end: number,
  step: number,
): Promise<RangeCoverage> {
  const rows = await db.prisma.$queryRaw<{ previous: Date; time: Date }[]>`
    SELECT previous, time FROM (
      SELECT time, LAG(time) OVER (ORDER BY time) AS previous
      FROM candles
      WHERE owner_id = ${series.ownerId} AND venue = ${series.venue} AND symbol = ${series.symbol}
        AND timeframe = ${series.timeframe} AND time BETWEEN ${new Date(start)} AND ${new Date(end)}
    ) AS bars
    WHERE previous IS NOT NULL AND time - previous > make_interval(secs => ${step / 1000})`;
  const stats = await db.prisma.candle.aggregate({
    where: { ...series, time: { gte: new Date(start), lte: new Date(end) } },
    _count: { _all: true },
    _min: { time: true },
    _max: { time: true },
  });
  const first = stats._min.time?.getTime() ?? null;
  const last = stats._max.time?.getTime() ?? null;
  const gaps: CandleGap[] = [];
  if (first === null || last === null) {
    gaps.push(gap(start, end, step));
  } else {
    if (first > start) gaps.push(gap(start, first - step, step));
    for (const row of rows)
      gaps.push(gap(row.previous.getTime() + step, row.time.getTime() - step, step));
    if (last < end) gaps.push(gap(last + step, end, step));
  }
  return {
    candles: stats._count._all,
    first,
    last,
    missing: gaps.reduce((sum, run) => sum + run.missing, 0),
    gaps: gaps.slice(0, MAX_LISTED_GAPS),
  };
}
