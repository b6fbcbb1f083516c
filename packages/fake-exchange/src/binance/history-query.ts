import { errors } from './errors.ts';
import type { Params } from './params.ts';

const MAX_LIMIT = 1000;

/** The paging parameters of allOrders and myTrades: from an id, a time range, a limit. */
export type HistoryQuery = {
  readonly fromId: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly limit: number;
};

/** Reads the paging parameters; `idParameter` names the from-id (`orderId`, `fromId`). */
export function historyQuery(params: Params, idParameter: string): HistoryQuery {
  const limit = params.integer('limit') ?? 500;
  if (limit < 1 || limit > MAX_LIMIT) throw errors.invalidValue('limit');
  return {
    fromId: params.integer(idParameter) ?? 0,
    startTime: params.integer('startTime') ?? 0,
    endTime: params.integer('endTime') ?? Number.MAX_SAFE_INTEGER,
    limit,
  };
}

/** The items (oldest first) a history query selects. */
export function pickHistory<T extends { readonly time: number }>(
  items: readonly T[],
  query: HistoryQuery,
  idOf: (item: T) => number,
): T[] {
  return items
    .filter(
      (item) =>
        idOf(item) >= query.fromId && item.time >= query.startTime && item.time <= query.endTime,
    )
    .slice(0, query.limit);
}
