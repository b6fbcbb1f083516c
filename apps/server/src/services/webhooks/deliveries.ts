import type { WebhookEventType } from '@tradewind/core';
import type { Database, OutboxEvent, Prisma } from '@tradewind/db';
import { nextAttemptDelay, type RetryPolicy } from '../../runtime/webhooks/retry-policy.ts';
import type { AttemptResult } from '../../runtime/webhooks/webhook-sender.ts';
import { buildWebhookPayload, isWebhookEventType } from './payloads.ts';

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
      const late =
        gaps.length === 0
          ? []
          : await tx.outboxEvent.findMany({
              where: { id: { in: gaps.map((gap) => BigInt(gap.id)) } },
              orderBy: { id: 'asc' },
            });
      const seen = new Set(late.map((event) => event.id.toString()));
      gaps = gaps.filter((gap) => !seen.has(gap.id));
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
      }
      await createDeliveries(tx, [...late, ...events], now);
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

/** One delivery per (event, active subscription of its user to its type), in one insert. */
async function createDeliveries(
  tx: Prisma.TransactionClient,
  events: readonly OutboxEvent[],
  now: Date,
): Promise<void> {
  const relevant = events.filter((event) => isWebhookEventType(event.type));
  if (relevant.length === 0) return;
  const subscriptions = await tx.webhookSubscription.findMany({
    where: { userId: { in: [...new Set(relevant.map((event) => event.userId))] }, active: true },
    select: { id: true, userId: true, events: true, createdAt: true },
  });
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of relevant) {
    const type = event.type as WebhookEventType;
    const targets = subscriptions.filter(
      (subscription) =>
        subscription.userId === event.userId &&
        subscription.events.includes(type) &&
        // Subscriptions receive what happened after they were created, not the backlog.
        subscription.createdAt <= event.createdAt,
    );
    if (targets.length === 0) continue;
    const payload = await buildWebhookPayload(tx, { ...event, type });
    if (payload === null) continue;
    const body = JSON.stringify(payload);
    for (const subscription of targets) {
      rows.push({
        subscriptionId: subscription.id,
        outboxEventId: event.id,
        eventType: type,
        body,
        nextAttemptAt: now,
      });
    }
  }
  if (rows.length > 0) await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true });
}

/** Per claim, up to this many consecutive deliveries of one subscription are taken together. */
const GROUP_SIZE = 25;

/**
 * Claims due deliveries for `owner` until `leaseUntil`: for up to `limit` subscriptions, a run of
 * consecutive deliveries starting at the subscription's oldest unfinished one, to send in that
 * order (a failing one holds the later ones back until it succeeds or is given up). Also says
 * when the next retry not yet due falls due.
 */
export async function claimDueDeliveries(
  db: Database,
  owner: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<{ groups: string[][]; nextDueAt: Date | null }> {
  const heads = await db.prisma.$queryRaw<
    { subscriptionId: number; dueAt: Date; leased: boolean }[]
  >`
    SELECT DISTINCT ON (d.subscription_id) d.subscription_id AS "subscriptionId",
      d.next_attempt_at AS "dueAt",
      (d.lease_expires_at IS NOT NULL AND d.lease_expires_at >= ${now}) AS leased
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
    WHERE d.status = 'PENDING' AND NOT d.test
    ORDER BY d.subscription_id, d.outbox_event_id, d.created_at`;
  const free = heads.filter((head) => !head.leased);
  const later = free.filter((head) => head.dueAt > now).map((head) => head.dueAt.getTime());
  const nextDueAt = later.length > 0 ? new Date(Math.min(...later)) : null;
  const groups: string[][] = [];
  for (const head of free.filter((candidate) => candidate.dueAt <= now).slice(0, limit)) {
    const group = await claimGroup(db, head.subscriptionId, owner, now, leaseUntil);
    if (group.length > 0) groups.push(group);
  }
  return { groups, nextDueAt };
}

/**
 * Claims the due, unleased run at the front of one subscription's queue. The subscription row is
 * locked with SKIP LOCKED, so claims for one subscription never interleave across processes: a
 * claim always starts at the head, and a head in flight (leased) stops it.
 */
async function claimGroup(
  db: Database,
  subscriptionId: number,
  owner: string,
  now: Date,
  leaseUntil: Date,
): Promise<string[]> {
  return db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM webhook_subscriptions WHERE id = ${subscriptionId} AND active
      FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return [];
    const queue = await tx.$queryRaw<{ id: string; ready: boolean }[]>`
      SELECT id::text AS id,
        (next_attempt_at <= ${now} AND (lease_expires_at IS NULL OR lease_expires_at < ${now})) AS ready
      FROM webhook_deliveries
      WHERE subscription_id = ${subscriptionId} AND status = 'PENDING' AND NOT test
      ORDER BY outbox_event_id, created_at
      LIMIT ${GROUP_SIZE}`;
    const stop = queue.findIndex((row) => !row.ready);
    const group = (stop === -1 ? queue : queue.slice(0, stop)).map((row) => row.id);
    if (group.length === 0) return [];
    await tx.$executeRaw`
      UPDATE webhook_deliveries SET lease_owner = ${owner}, lease_expires_at = ${leaseUntil}
      WHERE id = ANY(${group}::uuid[])`;
    return group;
  });
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

/** Extends a claim before its delivery is sent; false when the claim was lost meanwhile. */
export async function renewLease(
  db: Database,
  deliveryId: string,
  owner: string,
  leaseUntil: Date,
): Promise<boolean> {
  const { count } = await db.prisma.webhookDelivery.updateMany({
    where: { id: deliveryId, leaseOwner: owner, status: 'PENDING' },
    data: { leaseExpiresAt: leaseUntil },
  });
  return count === 1;
}

/** Claimed deliveries with what sending them needs, in the order given. */
export async function loadClaimedDeliveries(db: Database, deliveryIds: readonly string[]) {
  const rows = await db.prisma.webhookDelivery.findMany({
    where: { id: { in: [...deliveryIds] } },
    include: { subscription: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return deliveryIds.flatMap((id) => byId.get(id) ?? []);
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
  const status = result.ok ? 'SUCCEEDED' : delay === null ? 'FAILED' : 'PENDING';
  const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
  // One statement: the log row and the delivery's new state are written together.
  await db.prisma.$executeRaw`
    WITH logged AS (
      INSERT INTO webhook_events (delivery_id, attempt, status, response_code, duration_ms, error, created_at)
      VALUES (${delivery.id}::uuid, ${attempt}, ${result.ok ? 'SUCCEEDED' : 'FAILED'},
        ${result.statusCode}, ${result.durationMs}, ${result.error}, ${now})
    )
    UPDATE webhook_deliveries
    SET attempts = ${attempt}, status = ${status}::"WebhookDeliveryStatus",
      next_attempt_at = COALESCE(${nextAttemptAt}::timestamp, next_attempt_at),
      last_status_code = ${result.statusCode}, last_error = ${result.error},
      delivered_at = ${result.ok ? now : null}::timestamp,
      lease_owner = NULL, lease_expires_at = NULL
    WHERE id = ${delivery.id}::uuid AND lease_owner = ${owner}`;
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
