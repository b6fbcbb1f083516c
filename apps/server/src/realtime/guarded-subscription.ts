import { TRPCError } from '@trpc/server';
import type { ServiceDeps } from '../service-deps.ts';
import type { Credentials } from '../services/auth/authenticate.ts';
import { toTransportError } from '../trpc/transport-error.ts';
import type { RealtimeHub } from './realtime-hub.ts';

export type SubscriptionGuard = {
  deps: Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'credentialCache'> & {
    realtime: RealtimeHub;
  };
  /** What the subscriber presented (none: an anonymous stream, nothing to re-check). */
  credentials: Credentials;
  /**
   * Aborted when the guarded stream ends, however it ends. The stream's own generator listens
   * to it (as its `shutdownSignal`): tRPC aborts a subscription's signal only when the client
   * leaves, not when the server ends the stream with an error.
   */
  ended: AbortController;
};

/** True for what a subscription procedure returns (an async iterable). */
export function isStream(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}

/**
 * A tRPC subscription's stream as the client receives it: whatever it throws goes through the
 * same error mapping as queries ({@link toTransportError}), and it ends with UNAUTHORIZED once
 * the credentials it was opened with are gone (checked every heartbeat period).
 */
export async function* guardedSubscription<T>(
  stream: AsyncIterable<T>,
  guard: SubscriptionGuard,
): AsyncGenerator<T, void, unknown> {
  const iterator = stream[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const revoked = new Promise<never>((_, reject) => {
    const { realtime } = guard.deps;
    timer = setInterval(() => {
      void realtime.credentials.check(guard.deps, guard.credentials).then((reason) => {
        if (reason === undefined) return;
        reject(new TRPCError({ code: 'UNAUTHORIZED', message: `Subscription closed: ${reason}` }));
      });
    }, realtime.config.heartbeatMs);
  });
  // Never unhandled: the loop below races it, and it may fire after the stream has ended.
  revoked.catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), revoked]);
      if (next.done) return;
      yield next.value;
    }
  } catch (error) {
    throw toTransportError(error);
  } finally {
    clearInterval(timer);
    guard.ended.abort();
    // Not awaited: a stream waiting for its next event finishes once it sees `ended`.
    void iterator.return?.()?.catch(() => undefined);
  }
}
