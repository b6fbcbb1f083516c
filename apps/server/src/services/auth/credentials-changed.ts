import type { PendingEvent } from '../../events/outbox.ts';

/**
 * The event that tells every process to forget what it cached of a user's credentials (keys,
 * role, plan, disabled or not); written to the outbox in the transaction that changed them.
 */
export function credentialsChanged(userId: string, reason: string): PendingEvent {
  return { type: 'credentials.changed', userId, botId: null, payload: { reason } };
}
