import type { Database } from '@tradewind/db';
import { ALERT_LOOKS } from './alert-rules.ts';
import { resolveByRule, storeRaisedAlert } from './alert-store.ts';

type LatestAttempt = {
  subscription_id: number;
  user_id: string;
  url: string;
  status: string;
  response_code: number | null;
  error: string | null;
  created_at: Date;
};

/** How far back the check looks: a subscription silent for longer keeps its state. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;

export const webhookKey = (subscriptionId: number) =>
  `webhook_failing:subscription:${subscriptionId}`;

/**
 * The `webhook_failing` rule, run periodically: an active subscription whose latest delivery
 * attempt failed raises an alert for its owner (what the receiver answered, when); its next
 * successful attempt resolves it. Answers how many alerts it raised and resolved.
 */
export async function checkWebhooks(
  db: Database,
  now: Date,
): Promise<{ raised: number; resolved: number }> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const latest = await db.prisma.$queryRaw<LatestAttempt[]>`
    SELECT DISTINCT ON (d.subscription_id)
      d.subscription_id, s.user_id::text AS user_id, s.url, e.status, e.response_code, e.error,
      e.created_at
    FROM webhook_events e
    JOIN webhook_deliveries d ON d.id = e.delivery_id
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
    WHERE s.active AND e.created_at >= ${since}
    ORDER BY d.subscription_id, e.id DESC`;
  let raised = 0;
  const healthy: string[] = [];
  for (const attempt of latest) {
    const key = webhookKey(attempt.subscription_id);
    if (attempt.status !== 'FAILED') {
      healthy.push(key);
      continue;
    }
    const answer =
      attempt.response_code === null
        ? (attempt.error ?? 'no answer')
        : `HTTP ${attempt.response_code}`;
    const stored = await storeRaisedAlert(
      db,
      {
        userId: attempt.user_id,
        botId: null,
        kind: 'webhook_failing',
        ...ALERT_LOOKS.webhook_failing,
        message: `Webhook ${attempt.subscription_id} (${attempt.url}): the last delivery attempt failed (${answer}); it is retried with backoff`,
        values: {
          subscriptionId: attempt.subscription_id,
          url: attempt.url,
          responseCode: attempt.response_code,
          lastAttemptAt: attempt.created_at.toISOString(),
        },
        openKey: key,
      },
      null,
    );
    if (stored) raised += 1;
  }
  const resolved = await resolveByRule(db, healthy, now);
  return { raised, resolved };
}
