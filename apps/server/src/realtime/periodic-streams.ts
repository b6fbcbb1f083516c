import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AuthenticatedPrincipal,
  BotPerformanceSnapshot,
  PerformanceTick,
  SystemNotification,
} from '@tradewind/core';
import type { ServiceDeps } from '../service-deps.ts';
import { getBot, listBots } from '../services/bots/bot-queries.ts';
import { signedInScope } from '../services/system-control/system-status.ts';
import type { RealtimeHub } from './realtime-hub.ts';
import { SystemSampler } from './system-sampler.ts';

type StreamDeps = Pick<
  ServiceDeps,
  'db' | 'shutdownSignal' | 'config' | 'version' | 'startedAt' | 'now'
> & { realtime: RealtimeHub };

/** Bots one performance tick covers: the most recent of the caller's. */
const TICK_BOTS = 100;

/** Yields `next()` every `periodMs` until the client leaves or the server shuts down. */
async function* every<T>(
  deps: StreamDeps,
  principal: AuthenticatedPrincipal,
  periodMs: number,
  signal: AbortSignal | undefined,
  next: () => Promise<T>,
): AsyncGenerator<T, void, unknown> {
  const release = deps.realtime.connections.open({ transport: 'trpc', userId: principal.userId });
  const stop = AbortSignal.any([deps.shutdownSignal, ...(signal ? [signal] : [])]);
  try {
    while (!stop.aborted) {
      const value = await next();
      deps.realtime.connections.sent();
      yield value;
      await sleep(periodMs, undefined, { signal: stop }).catch(() => undefined);
    }
  } finally {
    release();
  }
}

function snapshot(bot: BotPerformanceSnapshot): BotPerformanceSnapshot {
  const { id, name, status, equity, currentCash, totalPnl, totalTrades, winningTrades } = bot;
  return { id, name, status, equity, currentCash, totalPnl, totalTrades, winningTrades };
}

/** Seed 002's performance stream: the caller's bots (or one bot) every `frequencySeconds`. */
export function performanceTicks(
  deps: StreamDeps,
  principal: AuthenticatedPrincipal,
  input: { botId?: number | undefined; frequencySeconds: number },
  signal: AbortSignal | undefined,
): AsyncGenerator<PerformanceTick, void, unknown> {
  let sequence = 0;
  return every(deps, principal, input.frequencySeconds * 1000, signal, async () => {
    const bots =
      input.botId === undefined
        ? await listBots(deps, principal, { limit: TICK_BOTS })
        : [await getBot(deps, principal, input.botId)];
    sequence++;
    return { sequence, timestamp: deps.now().toISOString(), bots: bots.map(snapshot) };
  });
}

/**
 * Seed 002/004's system notifications: a status every `intervalSeconds`, and one at shutdown,
 * counting the caller's own bots (an admin's: everyone's).
 */
export async function* systemNotifications(
  deps: StreamDeps,
  principal: AuthenticatedPrincipal,
  input: { intervalSeconds: number },
  signal: AbortSignal | undefined,
): AsyncGenerator<SystemNotification, void, unknown> {
  const sampler = new SystemSampler(deps);
  const scope = signedInScope(principal);
  yield* every(deps, principal, input.intervalSeconds * 1000, signal, () => sampler.sample(scope));
  if (deps.shutdownSignal.aborted && !signal?.aborted) {
    yield await sampler.sample(scope, 'shutdown');
  }
}
