import { z } from 'zod';
import { ZSymbol, ZTimeframe } from './bots.ts';

/** A CSV of OHLCV rows (Yahoo or plain `time,open,high,low,close,volume` layout). */
export const ZMarketImportInput = z
  .object({
    symbol: ZSymbol,
    timeframe: ZTimeframe.default('1d'),
    csv: z.string().min(1, 'is empty').max(20_000_000, 'is larger than 20 MB'),
    /** Where the rows came from, e.g. the file name; stored as `import:<source>`. */
    source: z.string().trim().min(1).max(200).optional(),
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

/** A symbol with stored candles in one timeframe. */
export const ZMarketSymbol = z.object({
  symbol: z.string(),
  timeframe: ZTimeframe,
  candles: z.number().int(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
});
export type MarketSymbol = z.infer<typeof ZMarketSymbol>;
