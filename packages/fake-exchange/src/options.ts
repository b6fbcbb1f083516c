import { z } from 'zod';
import { ZFault } from './faults/fault.ts';

const ZAsset = z.string().regex(/^[A-Z0-9]{1,12}$/, 'must be upper-case letters and digits');

/** One trading pair: its filters, and where its prices come from (the walk or a CSV). */
export const ZSymbolConfig = z.object({
  symbol: z.string().regex(/^[A-Z0-9]{2,24}$/, 'must be upper-case letters and digits'),
  baseAsset: ZAsset,
  quoteAsset: ZAsset,
  /** The price the seeded walk wanders around. */
  price: z.number().positive(),
  /** Standard deviation of the walk's log-price change per minute. */
  volatility: z.number().positive().max(0.1).default(0.001),
  volumePerMinute: z.number().positive().default(10),
  tickSize: z.number().positive().default(0.01),
  stepSize: z.number().positive().default(0.00001),
  minQty: z.number().positive().optional(),
  maxQty: z.number().positive().default(9000),
  minNotional: z.number().nonnegative().default(5),
  /** A CSV file (Date[,Time],Open,High,Low,Close,Volume) replayed instead of the walk. */
  csv: z.string().min(1).optional(),
  /** Moves the CSV so its first bar opens at this time (epoch ms). */
  csvShiftTo: z.number().int().optional(),
});
export type SymbolConfig = z.infer<typeof ZSymbolConfig>;

/** An API key, its secret, its balances and what the key is allowed to do. */
export const ZAccountConfig = z.object({
  apiKey: z.string().min(1).max(128),
  secret: z.string().min(1).max(256),
  balances: z.record(ZAsset, z.number().nonnegative()).default({}),
  canTrade: z.boolean().default(true),
  canWithdraw: z.boolean().default(false),
  canDeposit: z.boolean().default(true),
});
export type AccountConfig = z.infer<typeof ZAccountConfig>;

/** Binance's request-weight limit per IP: 429 over the budget, 418 (a ban) when a client insists. */
export const ZLimits = z.object({
  weightPerMinute: z.number().int().positive().default(6000),
  /** Length of one counting window; Binance's is a minute. */
  windowMs: z.number().int().positive().default(60_000),
  /** Requests refused with 429 in one window before the IP is banned. */
  banAfter: z.number().int().positive().default(3),
  banSeconds: z.number().int().positive().default(120),
});
export type Limits = z.infer<typeof ZLimits>;

export const DEFAULT_SYMBOLS = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', price: 60_000 },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', price: 3_000, stepSize: 0.0001 },
  {
    symbol: 'ETHBTC',
    baseAsset: 'ETH',
    quoteAsset: 'BTC',
    price: 0.05,
    tickSize: 0.00001,
    stepSize: 0.0001,
    minNotional: 0.0001,
  },
];

export const DEFAULT_ACCOUNT = {
  apiKey: 'fake-api-key',
  secret: 'fake-api-secret',
  balances: { USDT: 10_000, BTC: 0.5, ETH: 5 },
};

function unique<T>(values: readonly T[], key: (value: T) => string): boolean {
  return new Set(values.map(key)).size === values.length;
}

/** Options of `startFakeExchange` (and, as JSON, of the command's `--config` file). */
export const ZFakeExchangeOptions = z.object({
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  /** Seed of the walk: same seed, same candles. */
  seed: z.number().int().default(1),
  symbols: z
    .array(ZSymbolConfig)
    .min(1)
    .refine((symbols) => unique(symbols, (entry) => entry.symbol), 'symbols must be unique')
    .prefault(DEFAULT_SYMBOLS),
  accounts: z
    .array(ZAccountConfig)
    .refine((accounts) => unique(accounts, (entry) => entry.apiKey), 'api keys must be unique')
    .prefault([DEFAULT_ACCOUNT]),
  /** `false` turns weight limits off (benchmarks). */
  limits: z.union([z.literal(false), ZLimits]).prefault({}),
  /** Commission rate charged on every fill, in the asset received (Binance's default 0.1 %). */
  feeRate: z.number().min(0).max(0.01).default(0.001),
  /** Faults active from the start (more can be injected through `control`). */
  faults: z.array(ZFault).default([]),
  /** Serve the control API under /fake/v1 (faults, permissions, balances). */
  controlApi: z.boolean().default(true),
  /** The server's clock (epoch ms); tests freeze or shift it. */
  now: z
    .custom<() => number>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});
export type FakeExchangeOptions = z.input<typeof ZFakeExchangeOptions>;
export type ResolvedOptions = z.infer<typeof ZFakeExchangeOptions>;
