import { setTimeout as sleep } from 'node:timers/promises';
import { ZHeartbeat, ZHeartbeatInput, ZPing, ZSystemStatus, zAsyncIterable } from '@tradewind/core';
import { botCountScopeOf, getSystemStatus, heartbeatAt } from '../services/system-status.ts';
import { publicProcedure, router } from '../trpc/init.ts';

// No credentials needed, but limited like seed 004's system routes (60/minute; anonymous
// callers spend their address's budget) with `X-RateLimit-*` headers. `/health` is the
// unlimited probe.
const probeProcedure = publicProcedure.meta({ rateLimit: 'system' });

export const systemRouter = router({
  ping: probeProcedure.output(ZPing).query(({ ctx }) => ({
    pong: true as const,
    timestamp: ctx.now().toISOString(),
  })),

  /** Liveness for anyone; bot counts for signed-in callers (their own; an admin's: all). */
  status: probeProcedure
    .output(ZSystemStatus)
    .query(({ ctx }) => getSystemStatus(ctx, botCountScopeOf(ctx.principal))),

  /** Beats every `intervalMs` until the client leaves or the server shuts down. */
  heartbeat: probeProcedure
    .input(ZHeartbeatInput)
    .output(zAsyncIterable(ZHeartbeat))
    .subscription(async function* ({ ctx, input, signal }) {
      const stop = AbortSignal.any([ctx.shutdownSignal, ...(signal ? [signal] : [])]);
      for (let sequence = 1; !stop.aborted; sequence++) {
        yield heartbeatAt(ctx, sequence);
        await sleep(input.intervalMs, undefined, { signal: stop }).catch(() => undefined);
      }
    }),
});
