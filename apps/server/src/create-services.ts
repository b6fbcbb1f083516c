import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { FileMailer } from './mail/file-mailer.ts';
import { RateLimiter } from './rate-limit/rate-limiter.ts';
import { AccessTokens } from './security/access-tokens.ts';
import { PasswordHasher } from './security/password-hasher.ts';
import { SecretBox } from './security/secret-box.ts';
import { deriveKey, loadMasterKey } from './security/secret-key.ts';
import type { ServerDeps } from './server-deps.ts';

type Services = Pick<
  ServerDeps,
  'accessTokens' | 'passwords' | 'secretBox' | 'rateLimiter' | 'mailer'
> & {
  /** Releases what the services hold (the Redis connection). */
  close(): Promise<void>;
};

const REDIS_READY_TIMEOUT_MS = 5_000;

/** Whether the client's connection is up within `timeoutMs` (ioredis goes on trying after). */
function becomesReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/** Builds the security, rate-limit and mail services from the configuration. */
export async function createServices(
  config: Config,
  now: () => Date,
  logger: { warn(obj: object, msg: string): void },
): Promise<Services> {
  const masterKey = await loadMasterKey(config);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        maxRetriesPerRequest: 2,
        // Fail fast while Redis is down (the rate limiter falls back to memory) instead of
        // queueing commands until it returns.
        enableOfflineQueue: false,
      })
    : undefined;
  // ioredis reconnects by itself; without a listener each failure is an "Unhandled error event".
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  // Serve once the shared limits are in reach: a process taking calls while its connection is
  // still being made would count them in memory, on its own, for the first moments.
  if (redis && !(await becomesReady(redis, REDIS_READY_TIMEOUT_MS))) {
    logger.warn(
      { timeoutMs: REDIS_READY_TIMEOUT_MS },
      'redis not ready yet: rate limits count per process until it connects',
    );
  }
  return {
    accessTokens: new AccessTokens(
      deriveKey(masterKey, 'access-token'),
      config.accessTokenTtlSeconds,
    ),
    passwords: new PasswordHasher(),
    secretBox: new SecretBox(deriveKey(masterKey, 'secrets-at-rest')),
    rateLimiter: new RateLimiter(
      redis ? { kind: 'redis', client: redis } : { kind: 'memory' },
      now,
    ),
    mailer: new FileMailer(path.join(config.dataDir, 'mail'), now),
    close: async () => {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
