import { nextAttemptDelay, type RetryPolicy } from '../../runtime/webhooks/retry-policy.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { NotificationFailed, sendNotification } from './send-notification.ts';

/** How long a claimed delivery is this process's before another may try it. */
const CLAIM_MS = 60_000;
/** Deliveries one pass sends at most. */
const BATCH = 50;
const MINUTE_MS = 60_000;

type Deps = Pick<ServiceDeps, 'db' | 'config' | 'secretBox' | 'mailer' | 'now'>;

/**
 * One pass of the notification outbox: claims due deliveries (`FOR UPDATE SKIP LOCKED`, the
 * claim pushes `nextAttemptAt` ahead so no other process takes them meanwhile) and sends each.
 * A failure is retried with the webhooks' backoff and attempt limit, then given up (`FAILED`).
 * A channel that had `NOTIFICATIONS_PER_MINUTE` sent in the last minute waits a minute (the
 * wait is no attempt). Answers how many it sent.
 */
export async function deliverNotifications(deps: Deps): Promise<number> {
  const { prisma } = deps.db;
  const now = deps.now();
  const claimed = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE notification_deliveries SET next_attempt_at = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE id IN (
      SELECT id FROM notification_deliveries
      WHERE status = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (claimed.length === 0) return 0;
  const deliveries = await prisma.notificationDelivery.findMany({
    where: { id: { in: claimed.map((row) => row.id) } },
    include: { channel: true },
    orderBy: { id: 'asc' },
  });
  const policy: RetryPolicy = {
    maxAttempts: deps.config.webhookMaxAttempts,
    baseDelayMs: deps.config.webhookRetryBaseMs,
    maxDelayMs: 3_600_000,
  };
  let sent = 0;
  for (const delivery of deliveries) {
    const recent = await prisma.notificationDelivery.count({
      where: {
        channelId: delivery.channelId,
        status: 'SENT',
        sentAt: { gt: new Date(now.getTime() - MINUTE_MS) },
      },
    });
    if (recent >= deps.config.notificationsPerMinute) {
      await prisma.notificationDelivery.update({
        where: { id: delivery.id },
        data: { nextAttemptAt: new Date(now.getTime() + MINUTE_MS) },
      });
      continue;
    }
    const alert = await prisma.operatorAlert.findUnique({ where: { id: delivery.alertId } });
    const attempts = delivery.attempts + 1;
    try {
      if (alert === null) throw new NotificationFailed('the alert no longer exists');
      await sendNotification(deps, delivery.channel, alert);
      await prisma.notificationDelivery.update({
        where: { id: delivery.id },
        data: { status: 'SENT', attempts, sentAt: deps.now(), lastError: null },
      });
      sent += 1;
    } catch (error) {
      const delay = nextAttemptDelay(policy, attempts);
      await prisma.notificationDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts,
          lastError: error instanceof NotificationFailed ? error.message : 'sending failed',
          ...(delay === null
            ? { status: 'FAILED' }
            : { nextAttemptAt: new Date(deps.now().getTime() + delay) }),
        },
      });
    }
  }
  return sent;
}
