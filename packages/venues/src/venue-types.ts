import type { ExecutionPort, Instrument } from '@tradewind/engine';

/** Exchange API credentials; `passphrase` is what ccxt calls `password` (KuCoin and others). */
export type ExchangeCredentials = { apiKey: string; secret: string; passphrase?: string };

/** One row per exchange Tradewind lists: adding a ccxt exchange is one row here or in configuration. */
export type ExchangeDescriptor = {
  /** The ccxt id: 'binance', 'kraken', 'kucoin', 'luno', 'bybit', ... */
  id: string;
  displayName: string;
  /** From ccxt's `requiredCredentials`. */
  requiredCredentials: Array<'apiKey' | 'secret' | 'passphrase'>;
  supportsTestnet: boolean;
  region?: string;
  description: string;
};

export type VenueSettings = {
  /** EXCHANGE_URL_OVERRIDES parsed: exchange id -> base URL (e.g. the fake exchange). */
  urlOverrides: Record<string, string>;
  /** Extra ccxt ids enabled by configuration (EXCHANGES_ENABLED), on top of the five defaults. */
  extraExchanges: string[];
  /** EXCHANGE_ALLOW_PRIVATE_URLS: overrides may target loopback/private addresses. Default false. */
  allowPrivateUrls?: boolean;
  /** Answering 429/418: first pause, its cap, and attempts per call before giving up. */
  backoff?: Partial<BackoffSettings>;
  /** Per-request timeout of ccxt in milliseconds (ccxt's default is 10 s). */
  timeoutMs?: number;
  /**
   * The clock signed requests carry (`timestamp`, ccxt's `nonce`): the server's clock, so a test
   * that drives it and the fake exchange's together signs in the exchange's time. Default: now.
   */
  now?: () => number;
};

export type BackoffSettings = { initialMs: number; maxMs: number; attempts: number };

export type ExchangeConnection = {
  exchangeId: string;
  credentials?: ExchangeCredentials;
  testnet?: boolean;
};

export type ExchangeBalance = { currency: string; free: number; used: number; total: number };
/** `canWithdraw` null: the exchange does not say. */
export type KeyPermissions = { canRead: boolean; canTrade: boolean; canWithdraw: boolean | null };
export type Ticker = { symbol: string; last: number; time: number };
/** One OHLCV bar; `time` is the bar's open in epoch milliseconds. */
export type Candle = {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

export type ExchangeClient = {
  readonly exchangeId: string;
  /** One cheap real call (server time); measured round trip. */
  ping(): Promise<{ latencyMs: number }>;
  fetchCandles(symbol: string, timeframe: string, since: number, limit: number): Promise<Candle[]>;
  fetchTicker(symbol: string): Promise<Ticker>;
  /** Needs credentials. */
  fetchBalances(): Promise<ExchangeBalance[]>;
  /** Needs credentials; validates them with a real signed call. */
  fetchKeyPermissions(): Promise<KeyPermissions>;
  listSymbols(): Promise<string[]>;
  /** The market's step and minimums (ccxt's precision and limits); undefined for an unknown one. */
  fetchInstrument(symbol: string): Promise<Instrument | undefined>;
};

export type Venues = {
  knownExchanges(): ExchangeDescriptor[];
  /**
   * Throws DomainError VALIDATION_ERROR listing the known ids for an unknown one, and naming the
   * missing field (e.g. `passphrase`) when credentials lack a required one.
   */
  client(connection: ExchangeConnection): ExchangeClient;
  /** Orders on the account of `connection` (credentials required): the live execution port. */
  execution(connection: ExchangeConnection & { credentials: ExchangeCredentials }): ExecutionPort;
  /**
   * Drops the shared instance of `connection` (its limiter, markets, keys in memory): after an
   * account is deleted or its keys replaced. Keys the exchange rejects are released by
   * themselves. Returns whether one was open.
   */
  release(connection: ExchangeConnection): boolean;
  /** Shared instances open in this process (one per exchange, credentials and testnet flag). */
  openConnections(): number;
};
