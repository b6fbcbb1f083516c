import {
  DomainError,
  type MarketSyncEvent,
  type Timeframe,
  type ZMarketSyncInput,
} from '@tradewind/core';
import type { ExchangeClient } from '@tradewind/venues';
import type { z } from 'zod';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { candleRows, SHARED_OWNER } from '../market-data/candle-owner.ts';
import { rangeCoverage, type StoredSeries } from './candle-gaps.ts';

/** Bars asked for per request (Binance's most; exchanges that send fewer are paged the same way). */
export const SYNC_PAGE_SIZE = 1000;

type SyncDeps = Pick<ServiceDeps, 'db' | 'venues' | 'now'>;
type SyncInput = z.output<typeof ZMarketSyncInput>;

const iso = (time: number) => new Date(time).toISOString();

/** The open times of the first and last closed bars wanted. */
function wantedRange(
  input: SyncInput,
  step: number,
  now: number,
): { since: number; until: number } {
  const since = Math.ceil(Date.parse(input.since) / step) * step;
  const lastClosed = Math.floor(now / step) * step - step;
  const until = Math.min(
    input.until === undefined ? lastClosed : Math.floor(Date.parse(input.until) / step) * step,
    lastClosed,
  );
  if (since > until) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `since: no closed ${input.timeframe} bar opens between ${iso(since)} and ${iso(until)}`,
      { field: 'since' },
    );
  }
  return { since, until };
}

/**
 * Where fetching starts: after the last stored bar when what is stored starts where the
 * exchange's history does (an interrupted sync), else at `since` (rows already stored are
 * skipped on insert). One single-bar request tells where the exchange's history starts.
 */
async function resumePoint(
  deps: SyncDeps,
  client: ExchangeClient,
  series: StoredSeries,
  range: { since: number; until: number },
  step: number,
): Promise<number> {
  const where = { ...series, time: { gte: new Date(range.since), lte: new Date(range.until) } };
  const stored = await deps.db.prisma.candle.aggregate({
    where,
    _min: { time: true },
    _max: { time: true },
  });
  const first = stored._min.time?.getTime();
  const last = stored._max.time?.getTime();
  if (first === undefined || last === undefined) return range.since;
  if (first > range.since) {
    const [earliest] = await client.fetchCandles(series.symbol, series.timeframe, range.since, 1);
    if (earliest === undefined || earliest.time < first) return range.since;
  }
  return last + step;
}

/** A checked sync: the exchange's client, the series, the range and where fetching starts. */
export type SyncPlan = {
  input: SyncInput;
  client: ExchangeClient;
  series: StoredSeries;
  step: number;
  range: { since: number; until: number };
  startedAt: number;
};

/**
 * Checks a sync before anything streams: a known exchange, a symbol it lists, a range with
 * closed bars, and where to resume. Its errors (unknown exchange, bad symbol, exchange
 * unreachable) reach the caller as the procedure's own error, on any transport.
 */
export async function prepareSync(deps: SyncDeps, input: SyncInput): Promise<SyncPlan> {
  const client = deps.venues.client({ exchangeId: input.exchange });
  const step = TIMEFRAME_MS[input.timeframe];
  const range = wantedRange(input, step, deps.now().getTime());
  if (!(await client.listSymbols()).includes(input.symbol)) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `symbol: ${input.exchange} has no market ${input.symbol}`,
      { field: 'symbol', exchange: input.exchange },
    );
  }
  const series: StoredSeries = {
    ownerId: SHARED_OWNER,
    venue: input.exchange,
    symbol: input.symbol,
    timeframe: input.timeframe,
  };
  const startedAt = await resumePoint(deps, client, series, range, step);
  return { input, client, series, step, range, startedAt };
}

/**
 * `market.sync`: pages an exchange's closed candles of one symbol into the candles table,
 * oldest first, one page per insert, streaming progress after each page and a summary with the
 * missing bars at the end. Idempotent (rows are unique by venue, symbol, timeframe and time,
 * and a stored row is never rewritten) and resumable: an interrupted sync (client gone, server
 * stopped, exchange failing) keeps the pages it stored, and the next one continues after the
 * last of them. Bars the exchange does not have are reported, never filled in.
 */
export async function* streamSync(
  deps: Pick<ServiceDeps, 'db'>,
  plan: SyncPlan,
  signal: AbortSignal,
): AsyncGenerator<MarketSyncEvent> {
  const { input, client, series, step, range, startedAt } = plan;
  const timeframe: Timeframe = input.timeframe;
  const expected = (range.until - range.since) / step + 1;
  const counts = { expected, covered: (startedAt - range.since) / step, fetched: 0, stored: 0 };
  let through: number | null = null;
  let cursor = startedAt;
  while (cursor <= range.until && !signal.aborted) {
    const page = await client.fetchCandles(input.symbol, timeframe, cursor, SYNC_PAGE_SIZE);
    const bars = page.filter((bar) => bar.time >= cursor && bar.time <= range.until);
    const last = bars.at(-1);
    if (last === undefined) break;
    const { count } = await deps.db.prisma.candle.createMany({
      data: candleRows(series, bars, `ccxt:${input.exchange}`),
      skipDuplicates: true,
    });
    counts.fetched += bars.length;
    counts.stored += count;
    counts.covered = (last.time - range.since) / step + 1;
    through = last.time;
    cursor = last.time + step;
    yield { type: 'progress', ...counts, through: iso(last.time) };
  }
  if (signal.aborted) return;
  const coverage = await rangeCoverage(deps.db, series, range.since, range.until, step);
  yield {
    type: 'done',
    ...counts,
    covered: expected,
    through: through === null ? null : iso(through),
    exchange: input.exchange,
    symbol: input.symbol,
    timeframe,
    startedAt: iso(startedAt),
    candles: coverage.candles,
    from: coverage.first === null ? null : iso(coverage.first),
    to: coverage.last === null ? null : iso(coverage.last),
    missing: coverage.missing,
    gaps: coverage.gaps,
  };
}
