import { DomainError, isDomainError } from '@tradewind/core';
import { type Bar, type BarSeries, parseOhlcv, toBarSeries } from '@tradewind/engine';
import { SIMULATION_ANCHOR_MS, SimulatedMarket } from '@tradewind/venues';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import type { BacktestJobSpec } from '../../runtime/backtests/backtest-job-spec.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { readableOwner } from '../market-data/candle-owner.ts';

/** More simulated bars than this (all symbols together) is a mistake, not a backtest. */
export const MAX_SIMULATED_BARS = 2_000_000;

type Data = BacktestJobSpec['data'];

/** The stored series a job reads for a symbol: the caller's own import, else the shared one. */
async function storedSeries(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  data: Data,
  symbol: string,
) {
  const series = { venue: data.venue ?? 'import', symbol, timeframe: data.timeframe };
  return { ownerId: await readableOwner(deps.db, userId, series), ...series };
}

const iso = (time: number) => new Date(time).toISOString();

/**
 * Checks that a job's data exists before it is queued: stored candles the user reads (their
 * own import, else the shared series; see `readableOwner`) in the range for every
 * symbol, a simulator range it can serve, a CSV that parses (a broken row is named by its line)
 * and has bars in the range. Nothing is loaded that is not needed to say so.
 *
 * @throws DomainError `VALIDATION_ERROR` naming the field.
 */
export async function checkBacktestData(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  data: Data,
  csv: string | null,
): Promise<void> {
  if (data.source === 'csv') {
    barsOfCsv(data, csv);
    return;
  }
  const { start, end } = range(data);
  if (data.source === 'simulator') {
    simulatedTimes(data, start, end);
    return;
  }
  for (const symbol of data.symbols) {
    const count = await deps.db.prisma.candle.count({
      where: {
        ...(await storedSeries(deps, userId, data, symbol)),
        time: { gte: new Date(start), lte: new Date(end) },
      },
    });
    if (count === 0) {
      const venue = data.venue ?? 'import';
      const hint =
        venue === 'import'
          ? 'import some with market.import'
          : `sync some with market.sync ${venue} ${symbol}`;
      throw new DomainError(
        'VALIDATION_ERROR',
        `data.symbols: no stored ${data.timeframe} candles of ${symbol} from ${venue} between ${iso(start)} and ${iso(end)} (${hint})`,
        { field: 'data.symbols', symbol },
      );
    }
  }
}

/**
 * The bars a job trades, per symbol, oldest first: stored candles or simulated bars within
 * start..end, or the whole CSV (its bars before `start` warm the strategy up, as in the CLI).
 */
export async function loadBacktestBars(
  deps: Pick<ServiceDeps, 'db' | 'config'>,
  userId: string,
  data: Data,
  csv: string | null,
): Promise<Record<string, BarSeries>> {
  if (data.source === 'csv') {
    return { [data.symbols[0] as string]: toBarSeries(barsOfCsv(data, csv)) };
  }
  const { start, end } = range(data);
  const bars: Record<string, BarSeries> = {};
  if (data.source === 'simulator') {
    const market = new SimulatedMarket(data.seed ?? deps.config.simulatorSeed);
    const times = simulatedTimes(data, start, end);
    for (const symbol of data.symbols) {
      bars[symbol] = toBarSeries(times.map((time) => market.barAt(symbol, data.timeframe, time)));
    }
    return bars;
  }
  for (const symbol of data.symbols) {
    const rows = await deps.db.prisma.candle.findMany({
      where: {
        ...(await storedSeries(deps, userId, data, symbol)),
        time: { gte: new Date(start), lte: new Date(end) },
      },
      orderBy: { time: 'asc' },
      select: { time: true, open: true, high: true, low: true, close: true, volume: true },
    });
    bars[symbol] = toBarSeries(rows.map((row) => ({ ...row, time: row.time.getTime() })));
  }
  return bars;
}

function range(data: Data): { start: number; end: number } {
  // The contract requires both for stored candles and the simulator.
  return { start: Date.parse(data.start ?? ''), end: Date.parse(data.end ?? '') };
}

function barsOfCsv(data: Data, csv: string | null): Bar[] {
  let bars: Bar[];
  try {
    bars = parseOhlcv(csv ?? '');
  } catch (error) {
    if (isDomainError(error)) {
      throw new DomainError('VALIDATION_ERROR', `data.csv: ${error.message}`, {
        ...error.details,
        field: 'data.csv',
      });
    }
    throw error;
  }
  const start = data.start === null ? Number.NEGATIVE_INFINITY : Date.parse(data.start);
  const end = data.end === null ? Number.POSITIVE_INFINITY : Date.parse(data.end);
  if (!bars.some((bar) => bar.time >= start && bar.time <= end)) {
    throw new DomainError(
      'VALIDATION_ERROR',
      bars.length === 0
        ? 'data.csv: the file holds no bars'
        : `data.csv: no bars between ${data.start ?? 'the first'} and ${data.end ?? 'the last'} (the file covers ${iso((bars[0] as Bar).time)} to ${iso((bars[bars.length - 1] as Bar).time)})`,
      { field: 'data.csv' },
    );
  }
  return bars;
}

/** Open times of the simulated bars within start..end. */
function simulatedTimes(data: Data, start: number, end: number): number[] {
  if (start < SIMULATION_ANCHOR_MS) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `data.start: the simulator's bars begin at ${iso(SIMULATION_ANCHOR_MS)}`,
      { field: 'data.start' },
    );
  }
  const step = TIMEFRAME_MS[data.timeframe];
  const first = Math.ceil((start - SIMULATION_ANCHOR_MS) / step) * step + SIMULATION_ANCHOR_MS;
  const count = first > end ? 0 : Math.floor((end - first) / step) + 1;
  if (count === 0) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `data.end: no ${data.timeframe} bar opens between ${iso(start)} and ${iso(end)}`,
      { field: 'data.end' },
    );
  }
  if (count * data.symbols.length > MAX_SIMULATED_BARS) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `data: ${count * data.symbols.length} simulated bars is more than the ${MAX_SIMULATED_BARS} allowed; shorten the range or use a longer timeframe`,
      { field: 'data' },
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * step);
}
