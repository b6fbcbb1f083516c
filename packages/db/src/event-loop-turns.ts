import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';

/** The longest run of queries before the event loop gets a turn. */
export const QUERY_SLICE_MS = 10;

/**
 * PGlite runs in this thread and answers through promises alone, so back-to-back queries (a
 * whole interactive transaction, above all) never give the event loop a turn: HTTP requests,
 * timers and streams wait for all of them. This lets the event loop run (one `setImmediate`)
 * before a query once queries have kept it busy for {@link QUERY_SLICE_MS}, so the longest
 * stall is a slice plus one query, not a transaction. Queries, results and transactions are
 * unchanged (PGlite still runs one transaction at a time); short runs of queries never wait.
 */
export function withEventLoopTurns(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  // When the current run of queries began; undefined once the event loop has turned since.
  let sliceStart: number | undefined;
  const turn = async () => {
    if (sliceStart !== undefined && performance.now() - sliceStart >= QUERY_SLICE_MS) {
      await nextTurn();
    }
    if (sliceStart !== undefined) return;
    sliceStart = performance.now();
    setImmediate(() => {
      sliceStart = undefined;
    });
  };
  // Every object on the way to a query: the factory, its connection and its transactions.
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'queryRaw' || property === 'executeRaw') {
          return async (query: unknown) => {
            await turn();
            return value.call(object, query);
          };
        }
        if (property === 'connect' || property === 'startTransaction') {
          return async (...args: unknown[]) => wrap(await value.apply(object, args));
        }
        return value.bind(object);
      },
    });
  return wrap(factory);
}
