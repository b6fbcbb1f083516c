import type { Prisma } from '@tradewind/db';
import type { DomainEvent } from '../../events/event-bus.ts';
import { writeOutbox } from '../../events/outbox.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { toProgress } from './backtest-mapping.ts';

type EventType = 'backtest.progress' | 'backtest.finished';

/**
 * Runs `write` in a transaction that ends by writing the jobs it names as `type` events (their
 * stored state, a `ZBacktestProgress`) to the outbox, and publishes them once it has committed:
 * the event bus carries them to every process's streams, the outbox to resuming clients.
 */
export async function withBacktestEvents<T>(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  type: EventType,
  write: (tx: Prisma.TransactionClient) => Promise<{ value: T; backtestIds: readonly number[] }>,
): Promise<T> {
  let published: DomainEvent[] = [];
  const value = await deps.db.prisma.$transaction(async (tx) => {
    const { value, backtestIds } = await write(tx);
    if (backtestIds.length > 0) {
      const rows = await tx.backtest.findMany({
        where: { id: { in: [...backtestIds] } },
        orderBy: { id: 'asc' },
      });
      published = await writeOutbox(
        tx,
        rows.map((row) => ({ type, userId: row.userId, botId: null, payload: toProgress(row) })),
      );
    }
    return value;
  });
  deps.events.publish(published);
  return value;
}
