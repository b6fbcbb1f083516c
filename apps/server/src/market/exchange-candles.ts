import type { Timeframe } from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { Bar } from '@tradewind/engine';
import { candleRows, SHARED_OWNER } from '../services/market-data/candle-owner.ts';

/** One exchange series in the candles table (exchange data is shared: everyone reads it). */
export type ExchangeSeries = { venue: string; symbol: string; timeframe: Timeframe };

/**
 * Stores closed exchange candles, skipping rows already stored (a stored row is never
 * rewritten); returns how many were new.
 */
export async function storeExchangeCandles(
  db: Database,
  series: ExchangeSeries,
  bars: readonly Bar[],
): Promise<number> {
  if (bars.length === 0) return 0;
  const { count } = await db.prisma.candle.createMany({
    data: candleRows({ ownerId: SHARED_OWNER, ...series }, bars, `ccxt:${series.venue}`),
    skipDuplicates: true,
  });
  return count;
}

/** Stored candles of an exchange series opening in [from, to), oldest first. */
export async function readExchangeCandles(
  db: Database,
  series: ExchangeSeries,
  from: number,
  to: number,
): Promise<Bar[]> {
  const rows = await db.prisma.candle.findMany({
    where: { ownerId: SHARED_OWNER, ...series, time: { gte: new Date(from), lt: new Date(to) } },
    orderBy: { time: 'asc' },
  });
  return rows.map((row) => ({
    time: row.time.getTime(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  }));
}
