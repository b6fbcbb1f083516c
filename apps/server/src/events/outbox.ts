import type { Prisma } from '@tradewind/db';
import type { DomainEvent, DomainEventType } from './event-bus.ts';

/** An event about to be written to the outbox. */
export type PendingEvent = {
  type: DomainEventType;
  userId: string;
  botId: number | null;
  payload: Record<string, unknown>;
};

/**
 * Writes events to the outbox inside the caller's transaction and returns them as bus events,
 * to publish once that transaction has committed.
 */
export async function writeOutbox(
  tx: Prisma.TransactionClient,
  events: readonly PendingEvent[],
): Promise<DomainEvent[]> {
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
