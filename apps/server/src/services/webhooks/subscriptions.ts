import {
  type AuthenticatedPrincipal,
  DomainError,
  type WebhookCreateInput,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookEventType,
  type WebhookSubscription,
  type WebhookUpdateInput,
  type ZWebhookDeliveryListInput,
  type ZWebhookTestInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from '../../runtime/webhooks/url-guard.ts';
import type { WebhookDispatcher } from '../../runtime/webhooks/webhook-dispatcher.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { samplePayload } from './samples.ts';

type WebhookDeps = Pick<ServiceDeps, 'db' | 'secretBox' | 'now' | 'config'> & {
  webhooks: Pick<WebhookDispatcher, 'deliverNow'>;
};

/** How long a replaced secret keeps signing, so receivers can switch without missing events. */
const SECRET_ROTATION_MS = 24 * 3_600_000;

type SubscriptionRow = Prisma.WebhookSubscriptionGetPayload<object>;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<object>;

export function webhookUrlPolicy(config: Config): WebhookUrlPolicy {
  return {
    requireHttps: config.environment === 'production',
    allowPrivate: config.webhookAllowPrivateUrls,
  };
}

function toSubscription(row: SubscriptionRow, now: Date): WebhookSubscription {
  const rotating = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    active: row.active,
    hasSecret: row.secretEncrypted !== null,
    previousSecretExpiresAt: rotating ? (row.previousSecretExpiresAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventType: row.eventType as WebhookEventType,
    test: row.test,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Someone else's subscription answers exactly like a missing one. */
function notFound(id: number | string, what = 'Webhook'): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} not found`, { id });
}

async function ownedSubscription(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  id: number,
): Promise<SubscriptionRow> {
  const row = await deps.db.prisma.webhookSubscription.findUnique({ where: { id } });
  if (row === null || row.userId !== principal.userId) throw notFound(id);
  return row;
}

export async function createWebhook(
  deps: WebhookDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: Required<Omit<WebhookCreateInput, 'secret'>> & { secret?: string | undefined },
): Promise<WebhookSubscription> {
  await checkWebhookUrl(input.url, webhookUrlPolicy(deps.config));
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.webhookSubscription.create({
      data: {
        userId: principal.userId,
        url: input.url,
        events: input.events,
        secretEncrypted: input.secret ? deps.secretBox.encrypt(input.secret) : null,
        active: input.active,
      },
    });
    await recordAudit(tx, meta, {
      action: 'webhook.created',
      actorUserId: principal.userId,
      targetType: 'webhook',
      targetId: String(created.id),
      metadata: { url: created.url, events: created.events, signed: Boolean(input.secret) },
    });
    return created;
  });
  return toSubscription(row, deps.now());
}

export async function listWebhooks(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
): Promise<WebhookSubscription[]> {
  const rows = await deps.db.prisma.webhookSubscription.findMany({
    where: { userId: principal.userId },
    orderBy: { id: 'asc' },
  });
  const now = deps.now();
  return rows.map((row) => toSubscription(row, now));
}

export async function getWebhook(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  id: number,
): Promise<WebhookSubscription> {
  return toSubscription(await ownedSubscription(deps, principal, id), deps.now());
}

/**
 * Edits the fields given. A new secret starts a rotation: the old one keeps signing (a second
 * `webhook-signature`) for a day, so receivers can switch over without rejecting anything.
 */
export async function updateWebhook(
  deps: WebhookDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: WebhookUpdateInput,
): Promise<WebhookSubscription> {
  const current = await ownedSubscription(deps, principal, input.id);
  if (input.url !== undefined) await checkWebhookUrl(input.url, webhookUrlPolicy(deps.config));
  const now = deps.now();
  const secretChange =
    input.secret === undefined
      ? {}
      : input.secret === null
        ? { secretEncrypted: null, previousSecretEncrypted: null, previousSecretExpiresAt: null }
        : {
            secretEncrypted: deps.secretBox.encrypt(input.secret),
            previousSecretEncrypted: current.secretEncrypted,
            previousSecretExpiresAt:
              current.secretEncrypted === null
                ? null
                : new Date(now.getTime() + SECRET_ROTATION_MS),
          };
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookSubscription.update({
      where: { id: current.id },
      data: {
        ...(input.url !== undefined && { url: input.url }),
        ...(input.events !== undefined && { events: input.events }),
        ...(input.active !== undefined && { active: input.active }),
        ...secretChange,
      },
    });
    await recordAudit(tx, meta, {
      action: 'webhook.updated',
      actorUserId: principal.userId,
      targetType: 'webhook',
      targetId: String(current.id),
      metadata: {
        changed: (['url', 'events', 'active'] as const).filter(
          (field) => input[field] !== undefined,
        ),
        secret:
          input.secret === undefined ? 'unchanged' : input.secret === null ? 'removed' : 'rotated',
      },
    });
    return updated;
  });
  return toSubscription(row, now);
}

export async function deleteWebhook(
  deps: WebhookDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  id: number,
): Promise<WebhookSubscription> {
  const row = await ownedSubscription(deps, principal, id);
  await deps.db.prisma.$transaction(async (tx) => {
    // Its deliveries and their attempt log go with it (foreign keys cascade).
    await tx.webhookSubscription.delete({ where: { id: row.id } });
    await recordAudit(tx, meta, {
      action: 'webhook.deleted',
      actorUserId: principal.userId,
      targetType: 'webhook',
      targetId: String(row.id),
      metadata: { url: row.url },
    });
  });
  return toSubscription(row, deps.now());
}

export async function listDeliveries(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZWebhookDeliveryListInput>,
): Promise<WebhookDelivery[]> {
  if (input.subscriptionId !== undefined)
    await ownedSubscription(deps, principal, input.subscriptionId);
  const rows = await deps.db.prisma.webhookDelivery.findMany({
    where: {
      subscription: { userId: principal.userId },
      ...(input.subscriptionId !== undefined && { subscriptionId: input.subscriptionId }),
      ...(input.status !== undefined && { status: input.status }),
    },
    orderBy: [{ createdAt: 'desc' }, { outboxEventId: 'desc' }],
    take: input.limit,
  });
  return rows.map(toDelivery);
}

export async function getDelivery(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  deliveryId: string,
): Promise<WebhookDeliveryDetail> {
  const row = await deps.db.prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: {
      subscription: { select: { userId: true } },
      attemptLog: { orderBy: { attempt: 'asc' } },
    },
  });
  if (row === null || row.subscription.userId !== principal.userId) {
    throw notFound(deliveryId, 'Delivery');
  }
  return {
    ...toDelivery(row),
    attemptLog: row.attemptLog.map((attempt) => ({
      id: Number(attempt.id),
      deliveryId: attempt.deliveryId,
      attempt: attempt.attempt,
      status: attempt.status as 'SUCCEEDED' | 'FAILED',
      responseCode: attempt.responseCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
      createdAt: attempt.createdAt.toISOString(),
    })),
  };
}

/** Sends a delivery again now, with the same id and body, and answers with the attempt. */
export async function redeliver(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  deliveryId: string,
): Promise<WebhookDeliveryDetail> {
  const before = await getDelivery(deps, principal, deliveryId);
  const sent = await deps.webhooks.deliverNow(deliveryId, before.status === 'PENDING');
  if (sent === null) {
    throw new DomainError('CONFLICT', `Delivery ${deliveryId} is being sent right now`, {
      deliveryId,
    });
  }
  return getDelivery(deps, principal, deliveryId);
}

/**
 * Sends a sample event of the given type to the subscription now (once, not retried) and
 * answers with the attempt, so a receiver can be checked before any bot runs.
 */
export async function sendTestEvent(
  deps: WebhookDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZWebhookTestInput>,
): Promise<WebhookDeliveryDetail> {
  const subscription = await ownedSubscription(deps, principal, input.id);
  const row = await deps.db.prisma.webhookDelivery.create({
    data: {
      subscriptionId: subscription.id,
      eventType: input.eventType,
      body: JSON.stringify(samplePayload(input.eventType, deps.now())),
      test: true,
    },
  });
  await deps.webhooks.deliverNow(row.id, false);
  return getDelivery(deps, principal, row.id);
}
