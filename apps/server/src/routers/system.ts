import { setTimeout as sleep } from 'node:timers/promises';
import {
  ZHeartbeat,
  ZHeartbeatInput,
  ZOperatorStatus,
  ZPing,
  ZSystemCommandInput,
  ZSystemCommandResult,
  ZSystemModeInput,
  ZSystemModeView,
  ZSystemStatus,
  ZTradingStatus,
  zAsyncIterable,
} from '@tradewind/core';
import { getOperatorStatus } from '../services/system-control/operator-status.ts';
import { runSystemCommand } from '../services/system-control/run-system-command.ts';
import { getSystemMode, setSystemMode } from '../services/system-control/system-mode.ts';
import {
  botCountScopeOf,
  getSystemStatus,
  heartbeatAt,
} from '../services/system-control/system-status.ts';
import { getTradingStatus } from '../services/system-control/trading-status.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc/init.ts';

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

  /** Seed 004's system command over the caller's bots; `stop` is the kill switch. */
  command: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'admin' })
    .input(ZSystemCommandInput)
    .output(ZSystemCommandResult)
    .mutation(({ ctx, input }) => runSystemCommand(ctx, ctx.meta, ctx.principal, input)),

  /** Seed 004's trading status of the caller's bots. */
  tradingStatus: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .output(ZTradingStatus)
    .query(({ ctx }) => getTradingStatus(ctx, ctx.principal.userId)),

  /** Seed 003's system mode of the caller. */
  mode: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .output(ZSystemModeView)
    .query(({ ctx }) => getSystemMode(ctx, ctx.principal.userId)),

  /** Seed 003's mode switch; `live_trading` needs 2FA, a current code and `confirm`. */
  setMode: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'control' })
    .input(ZSystemModeInput)
    .output(ZSystemModeView.pick({ success: true, mode: true }))
    .mutation(({ ctx, input }) => setSystemMode(ctx, ctx.meta, ctx.principal, input)),

  /** Seed 004's `/status`: this server, the caller's bots and venues, this host's usage. */
  operatorStatus: protectedProcedure
    .meta({ permission: 'system:read', rateLimit: 'system' })
    .output(ZOperatorStatus)
    .query(({ ctx }) => getOperatorStatus(ctx, { kind: 'own', userId: ctx.principal.userId })),
});
