import type { FaultStore } from './faults/fault-store.ts';
import type { WeightLimiter } from './limits/weight-limiter.ts';
import type { ListedSymbol } from './listed-symbol.ts';
import type { ResolvedOptions } from './options.ts';
import type { RequestLog } from './server/request-log.ts';
import type { Account } from './trading/account.ts';
import type { OrderBook } from './trading/order-book.ts';

/** The fake exchange's state, shared by every endpoint and the control API. */
export type Exchange = {
  readonly options: ResolvedOptions;
  readonly symbols: ReadonlyMap<string, ListedSymbol>;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly orders: OrderBook;
  readonly faults: FaultStore;
  readonly limiter: WeightLimiter | undefined;
  readonly requests: RequestLog;
  now(): number;
};
