import type { Prisma } from '@tradewind/db';
import type { DomainEvent, DomainEventType } from './event-bus.ts';

/** An event about to be written to the outbox. */
export type PendingEvent = {
  type: DomainEventType;
  userId: string;
  botId: number | null;
  payload: Record<string, unknown>;
};

/** Any constant works; it only has to be the same in every process sharing the database. */
const OUTBOX_ORDER_LOCK = 7_264_001;

/**
 * Writes events to the outbox inside the caller's transaction and returns them as bus events,
 * to publish once that transaction has committed.
 *
 * Call it last in the transaction. It takes a transaction-scoped advisory lock before the ids
 * are drawn and holds it until commit, so outbox ids increase in commit order: a reader that has
 * seen id N has seen every committed id below N, which is what makes "resume after the last
 * event id" exact (realtime replay) when several transactions write at once. The cost is that
 * outbox-writing commits queue behind one another for the moment between insert and commit.
 */
export async function writeOutbox(
  tx: Prisma.TransactionClient,
  events: readonly PendingEvent[],
): Promise<DomainEvent[]> {
  if (events.length === 0) return [];
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${OUTBOX_ORDER_LOCK}::bigint)`;
  const written: DomainEvent[] = [];
  for (const event of events) {
    const row = await tx.outboxEvent.create({
      data: {
        type: event.type,
        userId: event.userId,
        botId: event.botId,
        payload: event.payload as Prisma.InputJsonValue,
      },
    });
    written.push({
      id: row.id.toString(),
      type: event.type,
      userId: event.userId,
      botId: event.botId,
      payload: event.payload,
      createdAt: row.createdAt,
    });
  }
  return written;
}
