/**
 * Two server processes on one PostgreSQL database and one Redis enforce one rate limit: 20
 * anonymous calls per minute per address in total, whichever process answers them. Runs in the
 * PostgreSQL suite only, and only when Redis answers at REDIS_URL (or 127.0.0.1:6379);
 * otherwise it says that it skipped.
 */
import {
  createTestDatabase,
  REDIS_SKIP_MESSAGE,
  redisAvailable,
  redisServerUrl,
  type TestDatabase,
  testDatabaseDialect,
} from '@tradewind/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawQuery } from '../support/raw-trpc.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const redisUrl = redisServerUrl();
const onPostgres = testDatabaseDialect() === 'postgresql';
const runnable = onPostgres && (await redisAvailable(redisUrl));
if (!runnable) {
  console.log(
    `shared-rate-limit.pg.test.ts ${
      onPostgres ? REDIS_SKIP_MESSAGE : 'skipped: needs the PostgreSQL suite (test:postgres)'
    }`,
  );
}

describe.skipIf(!runnable)('two server processes on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let redis: Redis;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    // A Redis that outlives the run (a developer's own) may hold this address's budget from a
    // run less than a minute ago; start from a clean slate for the loopback address only.
    for await (const keys of redis.scanStream({ match: 'tradewind:rl:*:ip:127.0.0.1' })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    const env = {
      DATABASE_URL: db.databaseUrl ?? '',
      REDIS_URL: redisUrl,
      RATE_LIMIT_SCALE: '1',
      TRADEWIND_SECRET_KEY: 'shared-rate-limit-suite-master-key-0123456789',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.quit();
    await db?.close();
  });

  it('refuses the 21st anonymous call, counting the calls both processes answered', async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error('servers did not start');
    expect(first.url).not.toBe(second.url);

    for (let call = 1; call <= 20; call++) {
      const server = call % 2 === 1 ? first : second;
      const response = await rawQuery(server.url, 'auth.me');
      expect(response.status, `call ${call} to ${server.url}`).toBe(401);
      expect(response.headers.get('x-ratelimit-limit')).toBe('20');
      // One counter: each process sees the calls the other one answered.
      expect(response.headers.get('x-ratelimit-remaining'), `call ${call}`).toBe(String(20 - call));
    }
    for (const server of [first, second]) {
      const refused = await rawQuery(server.url, 'auth.me');
      expect(refused.status).toBe(429);
      expect(refused.message).toMatch(/^Too many requests: limit 20; retry in \d+s$/);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(await redis.keys('tradewind:rl:*:anonymous:ip:127.0.0.1')).toHaveLength(1);
  });
});
