import type { Database } from '@tradewind/db';
import type { Venues } from '@tradewind/venues';
import type { BacktestRunner } from './backtests/backtest-runner.ts';
import type { Config } from './config.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Mailer } from './mail/mailer.ts';
import type { MarketFeed } from './market/market-feed.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { RealtimeHub } from './realtime/realtime-hub.ts';
import type { AccessTokens } from './security/access-tokens.ts';
import type { PasswordHasher } from './security/password-hasher.ts';
import type { SecretBox } from './security/secret-box.ts';
import type { RuntimeSettings } from './services/settings/runtime-settings.ts';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

/**
 * The process-wide parts services work with, passed in rather than imported so two servers can
 * run side by side in one process (tests, benchmarks).
 */
export type ServerDeps = {
  config: Config;
  db: Database;
  version: string;
  /** When the server started serving; uptime is measured from here. */
  startedAt: Date;
  now: () => Date;
  /** Aborted when shutdown begins, so long-lived streams end and let the server close. */
  shutdownSignal: AbortSignal;
  accessTokens: AccessTokens;
  passwords: PasswordHasher;
  /** Encrypts secrets at rest (TOTP secrets, API key secrets). */
  secretBox: SecretBox;
  rateLimiter: RateLimiter;
  mailer: Mailer;
  /** Domain events (bots, trades), published after their transaction commits. */
  events: EventBus;
  /** Fan-out of bus events to realtime streams, their registry, caps and stats. */
  realtime: RealtimeHub;
  /** Where bots get bars: the deterministic simulator. */
  market: MarketFeed;
  /** Delivers outbox events to webhook subscriptions; sends test events and redeliveries. */
  webhooks: WebhookDispatcher;
  /** This process's share of the backtest queue; cancels and progress listeners. */
  backtests: BacktestRunner;
  /** Exchanges through ccxt: one shared client (and rate limiter) per exchange and key. */
  venues: Venues;
  /** Stored runtime settings, cached per process and refreshed by `config.changed` events. */
  settings: RuntimeSettings;
};
