import { setTimeout as sleep } from 'node:timers/promises';
import { ZHeartbeat, ZHeartbeatInput, ZPing, ZSystemStatus, zAsyncIterable } from '@tradewind/core';
import { getSystemStatus, heartbeatAt } from '../services/system-status.ts';
import { publicProcedure, router } from '../trpc/init.ts';

// Operational probes, like /health: never rate limited, no credentials needed.
const probeProcedure = publicProcedure.meta({ rateLimit: 'unlimited' });

export const systemRouter = router({
  ping: probeProcedure.output(ZPing).query(({ ctx }) => ({
    pong: true as const,
    timestamp: ctx.now().toISOString(),
  })),

  status: probeProcedure.output(ZSystemStatus).query(({ ctx }) => getSystemStatus(ctx)),

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
