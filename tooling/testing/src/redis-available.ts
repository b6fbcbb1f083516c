import { Redis } from 'ioredis';

/** Where tests look for Redis when `REDIS_URL` is unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The message Redis-only suites print when they cannot run. */
export const REDIS_SKIP_MESSAGE =
  'skipped: no Redis at REDIS_URL or 127.0.0.1:6379 (tooling/scripts/with-redis.sh starts one)';

/** The server Redis-only tests use: `REDIS_URL`, else {@link DEFAULT_REDIS_URL}. */
export function redisServerUrl(): string {
  return process.env.REDIS_URL || DEFAULT_REDIS_URL;
}

/**
 * Whether a Redis server answers `PING` at `url` within `timeoutMs`. Never throws: a refused
 * connection, a refused password or a timeout all mean "not available".
 */
export async function redisAvailable(
  url: string = redisServerUrl(),
  timeoutMs = 1000,
): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
