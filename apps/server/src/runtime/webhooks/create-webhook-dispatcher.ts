import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from '@tradewind/db';
import type { Config } from '../../config.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { webhookUrlPolicy } from '../../services/webhooks/subscriptions.ts';
import { type ResolveHost, systemResolver } from './url-guard.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { WebhookSender } from './webhook-sender.ts';

/** Retries never wait longer than this between two attempts. */
const MAX_RETRY_DELAY_MS = 3_600_000;
/** How often the dispatcher looks for due retries and lapsed claims without being woken. */
const SWEEP_MS = 1_000;
/** A claim outlives the longest attempt by this much before another process may take it. */
const LEASE_MARGIN_MS = 5_000;

/** The dispatcher as the configuration describes it. */
export function createWebhookDispatcher(
  config: Config,
  deps: { db: Database; events: EventBus; now: () => Date; secretBox: SecretBox },
  logger: { warn(obj: object, msg: string): void },
  resolve: ResolveHost = systemResolver,
): WebhookDispatcher {
  const sender = new WebhookSender({
    policy: webhookUrlPolicy(config),
    timeoutMs: config.webhookTimeoutMs,
    resolve,
    now: deps.now,
  });
  return new WebhookDispatcher(
    { ...deps, sender, logger },
    {
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      retry: {
        maxAttempts: config.webhookMaxAttempts,
        baseDelayMs: config.webhookRetryBaseMs,
        maxDelayMs: MAX_RETRY_DELAY_MS,
      },
      concurrency: config.webhookConcurrency,
      leaseMs: config.webhookTimeoutMs + LEASE_MARGIN_MS,
      sweepMs: SWEEP_MS,
    },
  );
}
