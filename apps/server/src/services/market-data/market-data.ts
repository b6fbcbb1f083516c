import {
  type AuthenticatedPrincipal,
  type Candle,
  DomainError,
  isDomainError,
  type MarketImportResult,
  type MarketSeries,
  type MarketSymbol,
  type Timeframe,
  type ZCandlesInput,
  type ZMarketImportInput,
} from '@tradewind/core';
import { type Bar, parseOhlcv } from '@tradewind/engine';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { candleRows, readableOwner, SHARED_OWNER } from './candle-owner.ts';

// Rows per INSERT: keeps each statement's parameter count far below PostgreSQL's 65,535.
const CHUNK = 1000;

/** The venue of the candles users import (no exchange behind them). */
export const IMPORT_VENUE = 'import';

/**
 * Imports an OHLCV CSV into the Candle table as the caller's own series (venue `import`), or,
 * for an admin asking so, as a shared one: parsed whole first (a bad row is a VALIDATION_ERROR
 * naming its line, and nothing is written), then upserted in one transaction. Only rows of the
 * same owner are replaced: another user's import of the symbol is never touched.
 */
export async function importCandles(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZMarketImportInput>,
): Promise<MarketImportResult> {
  if (input.shared && principal.role !== 'admin') {
    throw new DomainError('PERMISSION_DENIED', 'shared: only an admin may share an import', {
      field: 'shared',
    });
  }
  const ownerId = input.shared ? SHARED_OWNER : principal.userId;
  const series = { ownerId, venue: IMPORT_VENUE, symbol: input.symbol, timeframe: input.timeframe };
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
          where: { ...series, time: { in: chunk.map((bar) => new Date(bar.time)) } },
        });
        await tx.candle.createMany({ data: candleRows(series, chunk, source) });
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

/** The latest `limit` stored candles of a series the caller reads (see `readableOwner`), oldest first. */
export async function listCandles(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZCandlesInput>,
): Promise<Candle[]> {
  const series = { venue: input.venue, symbol: input.symbol, timeframe: input.timeframe };
  const ownerId = await readableOwner(deps.db, principal.userId, series);
  const rows = await deps.db.prisma.candle.findMany({
    where: { ownerId, ...series },
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

/** Symbols with candles the caller can read, per timeframe (all venues together). */
export async function listSymbols(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<MarketSymbol[]> {
  const bySymbol = new Map<string, MarketSymbol>();
  for (const series of await listSeries(deps, principal)) {
    const key = `${series.symbol}\0${series.timeframe}`;
    const seen = bySymbol.get(key);
    bySymbol.set(key, {
      symbol: series.symbol,
      timeframe: series.timeframe,
      candles: (seen?.candles ?? 0) + series.candles,
      from: seen && seen.from < series.from ? seen.from : series.from,
      to: seen && seen.to > series.to ? seen.to : series.to,
    });
  }
  return [...bySymbol.values()].sort(
    (a, b) => a.symbol.localeCompare(b.symbol) || a.timeframe.localeCompare(b.timeframe),
  );
}

/** What is stored that the caller can read: one row per venue, symbol, timeframe and owner. */
export async function listSeries(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<MarketSeries[]> {
  const groups = await deps.db.prisma.candle.groupBy({
    where: { ownerId: { in: [SHARED_OWNER, principal.userId] } },
    by: ['venue', 'symbol', 'timeframe', 'ownerId'],
    _count: { _all: true },
    _min: { time: true },
    _max: { time: true },
    orderBy: [{ venue: 'asc' }, { symbol: 'asc' }, { timeframe: 'asc' }, { ownerId: 'asc' }],
  });
  return groups.map((group) => ({
    venue: group.venue,
    symbol: group.symbol,
    timeframe: group.timeframe as Timeframe,
    candles: group._count._all,
    from: (group._min.time ?? new Date(0)).toISOString(),
    to: (group._max.time ?? new Date(0)).toISOString(),
    shared: group.ownerId === SHARED_OWNER,
  }));
}
