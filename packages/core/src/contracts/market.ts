import { z } from 'zod';
import { ZSymbol, ZTimeframe } from './bots.ts';

/**
 * Where candles come from: an exchange's ccxt id (`binance`, `kraken`, ...), `import` (CSV files
 * imported with market.import) or `simulator`.
 */
export const ZVenue = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9]{1,39}$/, 'must be an exchange id such as binance, or import');
export type Venue = z.infer<typeof ZVenue>;

/** A calendar date (2024-01-01, read as UTC midnight) or an ISO 8601 date-time. */
const ZDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date (2024-01-01) or an ISO 8601 date-time',
});

/** A CSV of OHLCV rows (Yahoo or plain `time,open,high,low,close,volume` layout). */
export const ZMarketImportInput = z
  .object({
    symbol: ZSymbol,
    timeframe: ZTimeframe.default('1d'),
    csv: z.string().min(1, 'is empty').max(20_000_000, 'is larger than 20 MB'),
    /** Where the rows came from, e.g. the file name; stored as `import:<source>`. */
    source: z.string().trim().min(1).max(200).optional(),
    /**
     * Imports are the importer's own: no one else reads or overwrites them. An admin may share
     * an import with everyone instead (users' own imports of the series still come first).
     */
    shared: z.boolean().default(false),
  })
  .strict();
export type MarketImportInput = z.input<typeof ZMarketImportInput>;

export const ZMarketImportResult = z.object({
  symbol: z.string(),
  timeframe: ZTimeframe,
  /** Rows written (a row at an existing time replaces it). */
  imported: z.number().int(),
  /** First and last bar time, null when the file held no rows. */
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
});
export type MarketImportResult = z.infer<typeof ZMarketImportResult>;

export const ZCandlesInput = z
  .object({
    /** Default `import`: the CSV imports (yours, else the shared ones). */
    venue: ZVenue.default('import'),
    symbol: ZSymbol,
    timeframe: ZTimeframe.default('1d'),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type CandlesInput = z.input<typeof ZCandlesInput>;

/** One stored OHLCV bar; `time` is the bar's open. */
export const ZCandle = z.object({
  time: z.iso.datetime(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
  source: z.string(),
});
export type Candle = z.infer<typeof ZCandle>;

/** A symbol with stored candles in one timeframe (all venues you can read together). */
export const ZMarketSymbol = z.object({
  symbol: z.string(),
  timeframe: ZTimeframe,
  candles: z.number().int(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
});
export type MarketSymbol = z.infer<typeof ZMarketSymbol>;

/** `market.sync`: fetch an exchange's history into the candles table. */
export const ZMarketSyncInput = z
  .object({
    exchange: ZVenue,
    symbol: ZSymbol,
    timeframe: ZTimeframe.default('1d'),
    /** First bar wanted (its open time, rounded up to the timeframe). */
    since: ZDateOrDateTime,
    /** Last bar wanted; default: the last closed bar. */
    until: ZDateOrDateTime.optional(),
  })
  .strict()
  .refine(
    (input) => input.until === undefined || Date.parse(input.until) >= Date.parse(input.since),
    {
      path: ['until'],
      message: 'is before since',
    },
  );
export type MarketSyncInput = z.input<typeof ZMarketSyncInput>;

/** Bars the exchange did not have between two bars it did (never filled in). */
export const ZCandleGap = z.object({
  /** Open time of the first missing bar, and of the last. */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  missing: z.number().int(),
});
export type CandleGap = z.infer<typeof ZCandleGap>;

const syncCounts = {
  /** Bars wanted: every bar of the timeframe opening between since and until. */
  expected: z.number().int(),
  /** Bars of the range behind the sync so far (stored before, fetched, or missing on the exchange). */
  covered: z.number().int(),
  /** Bars received from the exchange by this sync. */
  fetched: z.number().int(),
  /** Of those, newly stored (the rest were stored already). */
  stored: z.number().int(),
  /** The open time of the last bar received so far. */
  through: z.iso.datetime().nullable(),
};

/** What a running sync streams: progress after each page, then one `done`. */
export const ZMarketSyncEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), ...syncCounts }),
  z.object({
    type: z.literal('done'),
    ...syncCounts,
    exchange: z.string(),
    symbol: z.string(),
    timeframe: ZTimeframe,
    /** Where this run started fetching: `since`, or after the last stored bar when resuming. */
    startedAt: z.iso.datetime(),
    /** Stored bars of the whole range after the sync, and the first and last of them. */
    candles: z.number().int(),
    from: z.iso.datetime().nullable(),
    to: z.iso.datetime().nullable(),
    /** Wanted bars that are not stored (the exchange has none): the total, and the first 100 runs. */
    missing: z.number().int(),
    gaps: z.array(ZCandleGap),
  }),
]);
export type MarketSyncEvent = z.infer<typeof ZMarketSyncEvent>;

/** A stored series: one venue, symbol and timeframe, as `market.list` shows it. */
export const ZMarketSeries = z.object({
  venue: z.string(),
  symbol: z.string(),
  timeframe: ZTimeframe,
  candles: z.number().int(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** True: readable by everyone (exchange data, shared imports); false: your own import. */
  shared: z.boolean(),
});
export type MarketSeries = z.infer<typeof ZMarketSeries>;
