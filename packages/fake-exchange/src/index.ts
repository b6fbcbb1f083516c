export type { AccountPatch, FakeExchangeControl } from './control/control.ts';
export type { Fault, FaultInput } from './faults/fault.ts';
export {
  type AccountConfig,
  DEFAULT_ACCOUNT,
  DEFAULT_SYMBOLS,
  type FakeExchangeOptions,
  type Limits,
  type SymbolConfig,
  ZFakeExchangeOptions,
} from './options.ts';
export type { RequestRecord } from './server/request-log.ts';
export { type FakeExchange, startFakeExchange } from './start-fake-exchange.ts';
