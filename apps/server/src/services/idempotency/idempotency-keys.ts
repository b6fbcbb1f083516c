import type { IdempotencyStore } from '@tradewind/rest';
import type { ServiceDeps } from '../../service-deps.ts';

/**
 * A claim whose request never finished (its server died mid-call) is taken over after this,
 * instead of answering "still in progress" until the key expires.
 */
const ABANDONED_CLAIM_MS = 5 * 60 * 1000;

/** Idempotency keys in the `idempotency_keys` table; expired rows are purged as keys are claimed. */
export function idempotencyKeyStore(deps: Pick<ServiceDeps, 'db' | 'now'>): IdempotencyStore {
  const { prisma } = deps.db;
  const claim: IdempotencyStore['claim'] = async ({ scope, key, fingerprint, expiresAt }) => {
    const now = deps.now();
    await prisma.idempotencyKey.deleteMany({
      where: {
        OR: [
          { expiresAt: { lte: now } },
          {
            scope,
            key,
            statusCode: null,
            createdAt: { lt: new Date(now.getTime() - ABANDONED_CLAIM_MS) },
          },
        ],
      },
    });
    // ON CONFLICT DO NOTHING: of two concurrent requests with one key, one inserts.
    const { count } = await prisma.idempotencyKey.createMany({
      data: [{ scope, key, fingerprint, expiresAt, createdAt: now }],
      skipDuplicates: true,
    });
    if (count === 1) return null;
    const row = await prisma.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
    // Gone between the insert and the read (finished and released): claim it afresh.
    if (!row) return claim({ scope, key, fingerprint, expiresAt });
    return {
      fingerprint: row.fingerprint,
      outcome:
        row.statusCode === null || row.body === null
          ? null
          : { statusCode: row.statusCode, body: row.body },
    };
  };
  return {
    claim,
    async complete(scope, key, outcome) {
      await prisma.idempotencyKey.update({
        where: { scope_key: { scope, key } },
        data: { statusCode: outcome.statusCode, body: outcome.body },
      });
    },
    async release(scope, key) {
      await prisma.idempotencyKey.deleteMany({ where: { scope, key } });
    },
  };
}
