import {
  type Candle,
  DomainError,
  isDomainError,
  type MarketImportResult,
  type MarketSymbol,
  type Timeframe,
  type ZCandlesInput,
  type ZMarketImportInput,
} from '@tradewind/core';
import { type Bar, parseOhlcv } from '@tradewind/engine';
import type { z } from 'zod';
import type { ServerDeps } from '../server-deps.ts';

// Rows per INSERT: keeps each statement's parameter count far below PostgreSQL's 65,535.
const CHUNK = 1000;

/**
 * Imports an OHLCV CSV into the Candle table: parsed whole first (a bad row is a
 * VALIDATION_ERROR naming its line, and nothing is written), then upserted in one transaction.
 */
export async function importCandles(
  deps: Pick<ServerDeps, 'db'>,
  input: z.output<typeof ZMarketImportInput>,
): Promise<MarketImportResult> {
  let bars: Bar[];
  try {
    bars = parseOhlcv(input.csv);
  } catch (error) {
    if (isDomainError(error)) {
      throw new DomainError('VALIDATION_ERROR', `csv: ${error.message}`, {
        ...error.details,
        field: 'csv',
      });
    }
    throw error;
  }
  const source = `import:${input.source ?? 'csv'}`;
  await deps.db.prisma.$transaction(
    async (tx) => {
      for (let i = 0; i < bars.length; i += CHUNK) {
        const chunk = bars.slice(i, i + CHUNK);
        await tx.candle.deleteMany({
          where: {
            symbol: input.symbol,
            timeframe: input.timeframe,
            time: { in: chunk.map((bar) => new Date(bar.time)) },
          },
        });
        await tx.candle.createMany({
          data: chunk.map((bar) => ({
            symbol: input.symbol,
            timeframe: input.timeframe,
            time: new Date(bar.time),
            open: bar.open,
            high: bar.high,
            low: bar.low,
            close: bar.close,
            volume: bar.volume,
            source,
          })),
        });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  const first = bars[0];
  const last = bars[bars.length - 1];
  return {
    symbol: input.symbol,
    timeframe: input.timeframe,
    imported: bars.length,
    from: first ? new Date(first.time).toISOString() : null,
    to: last ? new Date(last.time).toISOString() : null,
  };
}

/** The latest `limit` stored candles of a symbol, oldest first. */
export async function listCandles(
  deps: Pick<ServerDeps, 'db'>,
  input: z.output<typeof ZCandlesInput>,
): Promise<Candle[]> {
  const rows = await deps.db.prisma.candle.findMany({
    where: { symbol: input.symbol, timeframe: input.timeframe },
    orderBy: { time: 'desc' },
    take: input.limit,
  });
  return rows.reverse().map((row) => ({
    time: row.time.toISOString(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    source: row.source,
  }));
}

/** Symbols with stored candles, per timeframe. */
export async function listSymbols(deps: Pick<ServerDeps, 'db'>): Promise<MarketSymbol[]> {
  const groups = await deps.db.prisma.candle.groupBy({
    by: ['symbol', 'timeframe'],
    _count: { _all: true },
    _min: { time: true },
    _max: { time: true },
    orderBy: [{ symbol: 'asc' }, { timeframe: 'asc' }],
  });
  return groups.map((group) => ({
    symbol: group.symbol,
    timeframe: group.timeframe as Timeframe,
    candles: group._count._all,
    from: (group._min.time ?? new Date(0)).toISOString(),
    to: (group._max.time ?? new Date(0)).toISOString(),
  }));
}
