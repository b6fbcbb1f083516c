import type { Database } from '@tradewind/db';
import type { Config } from '../config.ts';
import { type EventBus, InProcessEventBus } from './event-bus.ts';
import { PostgresEventBus } from './postgres-event-bus.ts';

/**
 * The bus the configuration asks for: PostgreSQL LISTEN/NOTIFY when processes share a
 * PostgreSQL database (`EVENT_BUS=auto` with DATABASE_URL, or `postgres`), else in-process.
 */
export async function createEventBus(
  config: Pick<Config, 'databaseUrl' | 'realtime'>,
  db: Database,
  logger: { warn(obj: object, msg: string): void },
): Promise<{ bus: EventBus; close(): Promise<void> }> {
  if (config.realtime.eventBus === 'postgres' && config.databaseUrl) {
    const bus = new PostgresEventBus({ databaseUrl: config.databaseUrl, db, logger });
    await bus.start();
    return { bus, close: () => bus.close() };
  }
  return { bus: new InProcessEventBus(), close: async () => {} };
}
