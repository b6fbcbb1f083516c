import type { Database } from '@tradewind/db';
import type { DomainEvent, DomainEventType } from './event-bus.ts';

type OutboxRow = Awaited<ReturnType<Database['prisma']['outboxEvent']['findFirstOrThrow']>>;

function toDomainEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id.toString(),
    type: row.type as DomainEventType,
    userId: row.userId,
    botId: row.botId,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt,
  };
}

/** The outbox rows with these ids, in id order (how another process learns of an event). */
export async function readOutboxEvents(
  db: Database,
  ids: readonly bigint[],
): Promise<DomainEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.outboxEvent.findMany({
    where: { id: { in: [...ids] } },
    orderBy: { id: 'asc' },
  });
  return rows.map(toDomainEvent);
}

export type OutboxQuery = {
  /** Events after this id. */
  afterId: bigint;
  /** One user's events; null: everyone's (admins' wide streams). */
  userId: string | null;
  botId?: number;
  types?: readonly DomainEventType[];
  /** Events written before this are outside the replay window. */
  since: Date;
  limit: number;
};

/** A page of events after `afterId` matching the filter, in id order (replay). */
export async function readOutboxAfter(db: Database, query: OutboxQuery): Promise<DomainEvent[]> {
  const rows = await db.prisma.outboxEvent.findMany({
    where: {
      id: { gt: query.afterId },
      createdAt: { gte: query.since },
      ...(query.userId !== null && { userId: query.userId }),
      ...(query.botId !== undefined && { botId: query.botId }),
      ...(query.types && { type: { in: [...query.types] } }),
    },
    orderBy: { id: 'asc' },
    take: query.limit,
  });
  return rows.map(toDomainEvent);
}
