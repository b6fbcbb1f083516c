import path from 'node:path';
import { ZEnvironment } from '@tradewind/core';
import type { VenueSettings } from '@tradewind/venues';
import { z } from 'zod';
import { parseAllowedAddresses } from './http/tradingview-addresses.ts';
import {
  type RealtimeConfig,
  realtimeConfigFrom,
  ZRealtimeEnv,
} from './realtime/realtime-config.ts';
import {
  type BacktestConfig,
  backtestConfigFrom,
  ZBacktestEnv,
} from './runtime/backtests/backtest-config.ts';
import {
  type RetentionConfig,
  retentionConfigFrom,
  ZRetentionEnv,
} from './runtime/retention/retention-config.ts';
import {
  type AssistantConfig,
  assistantConfigFrom,
  ZAssistantEnv,
} from './services/assistant/assistant-config.ts';
import { venueSettingsFrom, ZVenueEnv } from './venues/venue-config.ts';

const ZBooleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const ZPort = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65_535, 'expected a port between 0 and 65535');

const ZPostgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgresql:// connection string');

/** The environment variables the server reads; names are part of the product (DESIGN.md). */
const ZEnv = z.object({
  NODE_ENV: ZEnvironment.default('development'),
  PORT: ZPort.default(8001),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: ZPostgresUrl.optional(),
  TRADEWIND_DATA_DIR: z.string().min(1).default('.data'),
  TRADEWIND_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'expected a redis:// URL')
    .optional(),
  WEBHOOK_ALLOW_PRIVATE_URLS: ZBooleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86_400),
  /** Multiplies every rate limit budget (e.g. 100 for load tests); 1 is seed 004's numbers. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  /** Whoever registers with this email becomes an admin (how a fresh install gets one). */
  TRADEWIND_ADMIN_EMAIL: z.email('expected an email address').optional(),
  /** Real milliseconds between two simulated bars, whatever the bot's timeframe. */
  SIMULATOR_BAR_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  /** Seed of the simulated market: the same seed serves the same bars in every process. */
  SIMULATOR_SEED: z.coerce.number().int().min(0).max(2_147_483_647).default(42),
  /** How long a process holds a bot without renewing its lease before another may take it. */
  BOT_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** Commission of paper fills as a fraction of notional (0.001 = 0.1 %). */
  PAPER_COMMISSION_RATE: z.coerce.number().min(0).max(0.1).default(0.001),
  /** Run bots in this process (false for API-only replicas). */
  BOT_RUNNER_ENABLED: ZBooleanFlag.default(true),
  ...ZBacktestEnv,
  ...ZRetentionEnv,
  /** Webhook attempts in total per event, the first included (1: never retried). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Wait after a webhook's first failure; doubles after each further one (capped at an hour). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  /** A webhook receiver must answer 2xx within this (seed 000: 10 seconds). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Webhook deliveries in flight at once per server process. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Source addresses TradingView webhooks are accepted from (`tradingview` = its published ones). */
  TRADINGVIEW_ALLOWED_IPS: z
    .string()
    .transform((setting, context) => {
      try {
        return parseAllowedAddresses(setting);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** The same TradingView alert body within this many seconds is executed once. */
  TRADINGVIEW_DEDUPE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long a TradingView webhook waits for execution before answering 202 (TradingView gives up after 3 s). */
  TRADINGVIEW_ACK_TIMEOUT_MS: z.coerce.number().int().min(0).max(2_900).default(2_000),
  /** How often the operations monitor runs its periodic alert checks (webhooks failing, ...). */
  OPERATIONS_CHECK_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  /** Where Telegram notifications are sent (a local Bot API server, or a fake in tests). */
  TELEGRAM_API_ROOT: z.url('expected a URL').default('https://api.telegram.org'),
  /** Notifications one channel is sent per minute at most; the rest wait their turn. */
  NOTIFICATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** How often each server process samples its CPU, memory and event-loop delay. */
  METRICS_SAMPLE_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  /** How long metric samples are kept. */
  METRICS_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  ...ZRealtimeEnv,
  ...ZVenueEnv,
  ...ZAssistantEnv,
});

export type Config = {
  environment: z.infer<typeof ZEnvironment>;
  port: number;
  host: string;
  /** Unset means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** Absolute path of the data directory (embedded database, generated secrets). */
  dataDir: string;
  secretKey: string | undefined;
  redisUrl: string | undefined;
  webhookAllowPrivateUrls: boolean;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  shutdownTimeoutMs: number;
  accessTokenTtlSeconds: number;
  rateLimitScale: number;
  adminEmail: string | undefined;
  simulatorBarMs: number;
  simulatorSeed: number;
  botLeaseMs: number;
  paperCommissionRate: number;
  botRunnerEnabled: boolean;
  /** The backtest job queue: runner, concurrency, progress throttle, heartbeat. */
  backtests: BacktestConfig;
  webhookMaxAttempts: number;
  webhookRetryBaseMs: number;
  webhookTimeoutMs: number;
  webhookConcurrency: number;
  /** Null: TradingView webhooks are accepted from any address. */
  tradingViewAllowedIps: string[] | null;
  tradingViewDedupeWindowSeconds: number;
  tradingViewAckTimeoutMs: number;
  operationsCheckMs: number;
  telegramApiRoot: string;
  notificationsPerMinute: number;
  metricsSampleMs: number;
  metricsRetentionHours: number;
  /** Event bus, replay window, stream limits (realtime/realtime-config.ts). */
  realtime: RealtimeConfig;
  /** How long bookkeeping rows are kept (runtime/retention/retention-config.ts). */
  retention: RetentionConfig;
  /** Exchanges (ccxt): URL overrides, extra exchanges, timeouts, backoff (venues/venue-config.ts). */
  venues: VenueSettings;
  /** The chat assistant's optional model provider (services/assistant/assistant-config.ts). */
  assistant: AssistantConfig;
  /** The server's variables set in the environment; they win over stored runtime settings. */
  environmentVariables: readonly string[];
};

/** Thrown when the environment holds a value the server cannot start with. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration. Empty strings count as unset, so `PORT=` falls back to
 * the default instead of failing. Relative paths resolve against the directory the user ran the
 * command from (`INIT_CWD` under pnpm/npm scripts), not the package the script runs in.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = present[name];
      const shown = value === undefined || /SECRET|KEY|URL/.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && !values.TRADEWIND_SECRET_KEY) {
    throw new ConfigError('Invalid environment: TRADEWIND_SECRET_KEY: required in production');
  }
  if (values.EVENT_BUS === 'postgres' && !values.DATABASE_URL) {
    throw new ConfigError('Invalid environment: EVENT_BUS: postgres needs DATABASE_URL');
  }
  const baseDir = env.INIT_CWD ?? process.cwd();
  let venues: VenueSettings;
  try {
    venues = venueSettingsFrom(values);
  } catch (error) {
    throw new ConfigError(`Invalid environment: ${(error as Error).message}`);
  }
  return {
    environment: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST ?? (values.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(baseDir, values.TRADEWIND_DATA_DIR),
    secretKey: values.TRADEWIND_SECRET_KEY,
    redisUrl: values.REDIS_URL,
    webhookAllowPrivateUrls: values.WEBHOOK_ALLOW_PRIVATE_URLS,
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
    rateLimitScale: values.RATE_LIMIT_SCALE,
    adminEmail: values.TRADEWIND_ADMIN_EMAIL?.toLowerCase(),
    simulatorBarMs: values.SIMULATOR_BAR_MS,
    simulatorSeed: values.SIMULATOR_SEED,
    botLeaseMs: values.BOT_LEASE_MS,
    paperCommissionRate: values.PAPER_COMMISSION_RATE,
    botRunnerEnabled: values.BOT_RUNNER_ENABLED,
    backtests: backtestConfigFrom(values),
    webhookMaxAttempts: values.WEBHOOK_MAX_ATTEMPTS,
    webhookRetryBaseMs: values.WEBHOOK_RETRY_BASE_MS,
    webhookTimeoutMs: values.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: values.WEBHOOK_CONCURRENCY,
    tradingViewAllowedIps: values.TRADINGVIEW_ALLOWED_IPS ?? null,
    tradingViewDedupeWindowSeconds: values.TRADINGVIEW_DEDUPE_WINDOW_SECONDS,
    tradingViewAckTimeoutMs: values.TRADINGVIEW_ACK_TIMEOUT_MS,
    operationsCheckMs: values.OPERATIONS_CHECK_MS,
    telegramApiRoot: values.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    notificationsPerMinute: values.NOTIFICATIONS_PER_MINUTE,
    metricsSampleMs: values.METRICS_SAMPLE_MS,
    metricsRetentionHours: values.METRICS_RETENTION_HOURS,
    realtime: realtimeConfigFrom(values, values.DATABASE_URL),
    retention: retentionConfigFrom(values),
    venues,
    assistant: assistantConfigFrom(values),
    environmentVariables: Object.keys(ZEnv.shape).filter((name) => name in present),
  };
}
