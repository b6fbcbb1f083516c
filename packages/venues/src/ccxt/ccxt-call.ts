import type { Exchange } from 'ccxt';
import type { ExchangeCredentials } from '../venue-types.ts';
import { isRejectedKey, toDomainError } from './ccxt-errors.ts';
import type { RequestGate } from './request-gate.ts';

/**
 * One shared ccxt instance (and so its limiter), the gate that backs it off on 429/418, and how
 * to drop it from the process's cache (rejected keys, a deleted account).
 */
export type SharedExchange = { exchange: Exchange; gate: RequestGate; release(): void };

/**
 * Runs calls on a shared instance through its gate; every failure leaves as a DomainError, and
 * keys the exchange rejects release the instance: it would only ever fail again, and a process
 * that tests many bad keys must not keep an instance for each.
 */
export function callerFor(shared: SharedExchange, credentials: ExchangeCredentials | undefined) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await shared.gate.run(work);
    } catch (error) {
      if (credentials && isRejectedKey(error)) shared.release();
      throw toDomainError(error, shared.exchange.id, credentials);
    }
  };
}
