import type { Database, Prisma } from '@tradewind/db';
import { enqueueNotifications } from '../notifications/enqueue-notifications.ts';
import type { AlertDraft } from './alert-rules.ts';

/** Prisma's unique-constraint violation. */
const UNIQUE_VIOLATION = 'P2002';

/**
 * Stores a raised alert unless its condition already has an active one or its event already
 * raised one (another process saw the same event first): both are unique columns, so whichever
 * insert comes second fails and is ignored. The alert's notifications are queued in the same
 * transaction, so a raised alert reaches its owner's channels once. True when this call raised it.
 */
export async function storeRaisedAlert(
  db: Database,
  draft: AlertDraft,
  sourceEventId: bigint | null,
): Promise<boolean> {
  try {
    await db.prisma.$transaction(async (tx) => {
      const alert = await tx.operatorAlert.create({
        data: { ...draft, values: draft.values as Prisma.InputJsonValue, sourceEventId },
      });
      await enqueueNotifications(tx, alert);
    });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
}

/**
 * Ends the active alerts of these conditions as their rule's doing (`resolvedBy` stays null).
 * `beforeEventId`: only alerts raised by earlier events, so a process that sees a raise after
 * its resolution cannot resolve the wrong one. Idempotent.
 */
export async function resolveByRule(
  db: Database,
  openKeys: readonly string[],
  resolvedAt: Date,
  beforeEventId?: bigint,
): Promise<number> {
  if (openKeys.length === 0) return 0;
  const { count } = await db.prisma.operatorAlert.updateMany({
    where: {
      openKey: { in: [...openKeys] },
      ...(beforeEventId !== undefined && {
        OR: [{ sourceEventId: null }, { sourceEventId: { lt: beforeEventId } }],
      }),
    },
    data: { openKey: null, resolvedAt },
  });
  return count;
}
