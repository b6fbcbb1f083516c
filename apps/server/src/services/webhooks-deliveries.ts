import type { Database, Prisma } from '@tradewind/db';
import { nextAttemptDelay, type RetryPolicy } from '../webhooks/retry-policy.ts';
import type { AttemptResult } from '../webhooks/webhook-sender.ts';
import { buildWebhookPayload, isWebhookEventType } from './webhooks-payloads.ts';

/** The outbox consumer name of webhook fan-out (its row in `outbox_cursors`). */
const CURSOR = 'webhooks';

/**
 * How long an id the cursor skipped is watched for. Ids are taken when rows are inserted, not
 * when their transaction commits, so with concurrent writers (PostgreSQL) a lower id can appear
 * after a higher one. A hole older than any transaction can live is a rolled-back insert, or ids
 * a crash burned (PostgreSQL logs sequences ahead): forgotten. Bot transactions end well within.
 */
const GAP_GRACE_MS = 120_000;
/** A larger jump is not a set of in-flight transactions: it is not watched id by id. */
const MAX_GAPS = 1_000;

type Gap = { id: string; since: number };

/**
 * Turns new outbox events into one delivery per (active subscription, event), moving the
 * `webhooks` cursor in the same transaction. Events past a hole in the ids go out at once; the
 * hole's ids are remembered and fanned out if they commit later. The cursor row is locked with
 * SKIP LOCKED, so when several processes share a database one fans out and the others move on;
 * a unique (subscription, outbox event) key makes a replayed batch harmless. True when the batch
 * was full: there may be more to read.
 */
export async function fanOutOutbox(db: Database, now: Date, batchSize = 200): Promise<boolean> {
  return db.prisma.$transaction(
    async (tx) => {
      const cursors = await tx.$queryRaw<{ position: bigint; gaps: Gap[] }[]>`
        SELECT position, gaps FROM outbox_cursors WHERE consumer = ${CURSOR} FOR UPDATE SKIP LOCKED`;
      const cursor = cursors[0];
      if (cursor === undefined) return false;
      let gaps = cursor.gaps.filter((gap) => gap.since > now.getTime() - GAP_GRACE_MS);
      if (gaps.length > 0) {
        const late = await tx.outboxEvent.findMany({
          where: { id: { in: gaps.map((gap) => BigInt(gap.id)) } },
          orderBy: { id: 'asc' },
        });
        for (const event of late) await fanOutEvent(tx, event, now);
        const seen = new Set(late.map((event) => event.id.toString()));
        gaps = gaps.filter((gap) => !seen.has(gap.id));
      }
      const events = await tx.outboxEvent.findMany({
        where: { id: { gt: cursor.position } },
        orderBy: { id: 'asc' },
        take: batchSize,
      });
      let position = cursor.position;
      for (const event of events) {
        if (event.id - position <= BigInt(MAX_GAPS)) {
          for (let missing = position + 1n; missing < event.id; missing++) {
            gaps.push({ id: missing.toString(), since: now.getTime() });
          }
        }
        position = event.id;
        await fanOutEvent(tx, event, now);
      }
      if (position !== cursor.position || gaps.length !== cursor.gaps.length) {
        await tx.outboxCursor.update({
          where: { consumer: CURSOR },
          data: { position, gaps: gaps.slice(-MAX_GAPS) },
        });
      }
      return events.length === batchSize;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

async function fanOutEvent(
  tx: Prisma.TransactionClient,
  event: Awaited<ReturnType<Prisma.TransactionClient['outboxEvent']['findFirstOrThrow']>>,
  now: Date,
): Promise<number> {
  const type = event.type;
  if (!isWebhookEventType(type)) return 0;
  const subscriptions = await tx.webhookSubscription.findMany({
    // Subscriptions receive what happened after they were created, not the backlog.
    where: {
      userId: event.userId,
      active: true,
      events: { has: type },
      createdAt: { lte: event.createdAt },
    },
    select: { id: true },
  });
  if (subscriptions.length === 0) return 0;
  const payload = await buildWebhookPayload(tx, { ...event, type });
  if (payload === null) return 0;
  const body = JSON.stringify(payload);
  const { count } = await tx.webhookDelivery.createMany({
    data: subscriptions.map((subscription) => ({
      subscriptionId: subscription.id,
      outboxEventId: event.id,
      eventType: type,
      body,
      nextAttemptAt: now,
    })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * Claims up to `limit` due deliveries for `owner` until `leaseUntil`, and says when the next
 * retry not yet due falls due. Per subscription only the
 * oldest unfinished delivery is a candidate, so a receiver sees its events in order (a failing
 * one holds the later ones back until it succeeds or is given up). The claim re-checks the
 * lease in its WHERE clause: two processes racing for a row both lock it, and PostgreSQL
 * re-evaluates the condition for the second after the first commits, so only one wins.
 */
export async function claimDueDeliveries(
  db: Database,
  owner: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<{ claimed: string[]; nextDueAt: Date | null }> {
  const heads = await db.prisma.$queryRaw<{ id: string; dueAt: Date; leased: boolean }[]>`
    SELECT DISTINCT ON (d.subscription_id) d.id::text AS id, d.next_attempt_at AS "dueAt",
      (d.lease_expires_at IS NOT NULL AND d.lease_expires_at >= ${now}) AS leased
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
    WHERE d.status = 'PENDING' AND NOT d.test
    ORDER BY d.subscription_id, d.outbox_event_id, d.created_at`;
  const free = heads.filter((head) => !head.leased);
  const candidates = free.filter((head) => head.dueAt <= now).map((head) => head.id);
  const later = free.filter((head) => head.dueAt > now).map((head) => head.dueAt.getTime());
  const nextDueAt = later.length > 0 ? new Date(Math.min(...later)) : null;
  if (candidates.length === 0) return { claimed: [], nextDueAt };
  const claimed = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE webhook_deliveries
    SET lease_owner = ${owner}, lease_expires_at = ${leaseUntil}
    WHERE id = ANY(${candidates.slice(0, limit)}::uuid[])
      AND status = 'PENDING' AND next_attempt_at <= ${now}
      AND (lease_expires_at IS NULL OR lease_expires_at < ${now})
    RETURNING id::text AS id`;
  return { claimed: claimed.map((row) => row.id), nextDueAt };
}

/** Claims one delivery by id (manual redelivery, test events); false when someone holds it. */
export async function claimDelivery(
  db: Database,
  deliveryId: string,
  owner: string,
  now: Date,
  leaseUntil: Date,
): Promise<boolean> {
  const { count } = await db.prisma.webhookDelivery.updateMany({
    where: {
      id: deliveryId,
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: leaseUntil },
  });
  return count === 1;
}

/** A claimed delivery with what sending it needs. */
export async function loadClaimedDelivery(db: Database, deliveryId: string) {
  return db.prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { subscription: true },
  });
}

/**
 * Logs one attempt in `webhook_events` and moves the delivery on: succeeded; failed for good;
 * or due again after the retry policy's backoff (when `retry` allows). Only the lease holder
 * changes the delivery, but the attempt is logged regardless: it happened.
 */
export async function recordAttempt(
  db: Database,
  delivery: { id: string; attempts: number },
  owner: string,
  result: AttemptResult,
  now: Date,
  retry: RetryPolicy | null,
): Promise<void> {
  const attempt = delivery.attempts + 1;
  const delay = result.ok || retry === null ? null : nextAttemptDelay(retry, attempt);
  await db.prisma.$transaction([
    db.prisma.webhookEvent.create({
      data: {
        deliveryId: delivery.id,
        attempt,
        status: result.ok ? 'SUCCEEDED' : 'FAILED',
        responseCode: result.statusCode,
        durationMs: result.durationMs,
        error: result.error,
        createdAt: now,
      },
    }),
    db.prisma.webhookDelivery.updateMany({
      where: { id: delivery.id, leaseOwner: owner },
      data: {
        attempts: attempt,
        status: result.ok ? 'SUCCEEDED' : delay === null ? 'FAILED' : 'PENDING',
        ...(delay !== null && { nextAttemptAt: new Date(now.getTime() + delay) }),
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(result.ok && { deliveredAt: now }),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    }),
  ]);
}

/** Gives claims back unsent (shutdown), so the next process need not wait for the lease. */
export async function releaseDeliveries(
  db: Database,
  owner: string,
  deliveryIds: readonly string[],
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.prisma.webhookDelivery.updateMany({
    where: { id: { in: [...deliveryIds] }, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}
