import type { Database } from '@tradewind/db';
import type { Venues } from '@tradewind/venues';
import type { Config } from './config.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Mailer } from './mail/mailer.ts';
import type { MarketFeed } from './market/market-feed.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { AccessTokens } from './security/access-tokens.ts';
import type { PasswordHasher } from './security/password-hasher.ts';
import type { SecretBox } from './security/secret-box.ts';
import type { CredentialCache } from './services/auth/credential-cache.ts';
import type { RecentReads } from './services/performance/recent-reads.ts';
import type { RuntimeSettings } from './services/settings/runtime-settings.ts';

/**
 * The process-wide parts services work with, passed in rather than imported so two servers can
 * run side by side in one process (tests, benchmarks). A leaf: every part here is a type from a
 * module that imports no service, so services take their `Pick` from it without a cycle. The
 * workers built on top of services (realtime hub, webhook dispatcher, backtest runner) join it
 * in `ServerDeps`, where the server is assembled.
 */
export type ServiceDeps = {
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
  /** Where bots get bars: the deterministic simulator. */
  market: MarketFeed;
  /** Exchanges through ccxt: one shared client (and rate limiter) per exchange and key. */
  venues: Venues;
  /** Stored runtime settings, cached per process and refreshed by `config.changed` events. */
  settings: RuntimeSettings;
  /** API keys and plans, cached per process and dropped by `credentials.changed` events. */
  credentialCache: CredentialCache;
  /** Hot per-user reads, reused for under a second and dropped by the user's events. */
  recentReads: RecentReads;
};
