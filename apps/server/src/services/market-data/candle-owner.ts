import type { Database } from '@tradewind/db';

/** The owner of rows everyone reads: exchange data and imports an admin shared. */
export const SHARED_OWNER = '';

/**
 * Whose rows of a series a user reads: their own import when they have one, else the shared
 * rows. So an import of yours is never mixed with, or changed by, anyone else's.
 */
export async function readableOwner(
  db: Database,
  userId: string,
  series: { venue: string; symbol: string; timeframe: string },
): Promise<string> {
  const own = await db.prisma.candle.findFirst({
    where: { ownerId: userId, ...series },
    select: { time: true },
  });
  return own ? userId : SHARED_OWNER;
}

type Bar = { time: number; open: number; high: number; low: number; close: number; volume: number };

/** Candle table rows of one stored series (`ownerId`, `venue`, `symbol`, `timeframe`). */
export function candleRows(
  series: { ownerId: string; venue: string; symbol: string; timeframe: string },
  bars: readonly Bar[],
  source: string,
) {
  return bars.map(({ time, open, high, low, close, volume }) => ({
    ...series,
    time: new Date(time),
    open,
    high,
    low,
    close,
    volume,
    source,
  }));
}
