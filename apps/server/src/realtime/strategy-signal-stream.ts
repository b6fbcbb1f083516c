import type {
  AuthenticatedPrincipal,
  StrategySignal,
  StrategySignalMessage,
} from '@tradewind/core';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import { authorizeStrategy } from '../services/strategies/strategy-access.ts';
import { readSignals } from '../services/strategies/strategy-signals.ts';
import type { Transport } from './connection-registry.ts';
import { type StreamDeps, streamEvents } from './event-subscription.ts';

/** A strategy's signal as `strategies.signals` shows it, from a `trade.executed` event. */
function toSignal(strategyId: number, event: DomainEvent): StrategySignal {
  const trade = event.payload as {
    tradeId?: number;
    id?: number;
    symbol: string;
    action: 'BUY' | 'SELL';
    quantity: number;
    price: number;
    reason?: string;
    timestamp: string;
  };
  return {
    id: trade.tradeId ?? trade.id ?? 0,
    strategyId,
    botId: event.botId ?? 0,
    symbol: trade.symbol,
    side: trade.action,
    quantity: trade.quantity,
    price: trade.price,
    reason: trade.reason ?? 'signal',
    timestamp: trade.timestamp,
  };
}

/**
 * Seed 002's strategy signal stream: the recent signals first (newest first, as
 * `strategies.signals` lists them), then each new one as it executes. A signal is a fill of a
 * bot the strategy started (services/strategies/strategy-signals.ts), so the live part is the
 * strategy owner's `trade.executed` events of those bots. Readers of a shared strategy see its
 * signals too; the read permission is checked before the stream starts.
 */
export async function openStrategySignalStream(
  deps: StreamDeps & Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { strategyId: number; history: number },
  signal: AbortSignal | undefined,
  transport: Transport = 'trpc',
): Promise<AsyncGenerator<StrategySignalMessage, void, unknown>> {
  const { prisma } = deps.db;
  const { strategy } = await authorizeStrategy(prisma, principal, input.strategyId, 'read');
  deps.realtime.connections.assertCanOpen(principal.userId);
  const ofStrategy = new Map<number, Promise<boolean>>();
  const belongs = (botId: number) => {
    let known = ofStrategy.get(botId);
    if (!known) {
      known = prisma.strategyRun
        .findUnique({ where: { botId }, select: { strategyId: true } })
        .then((run) => run?.strategyId === input.strategyId);
      ofStrategy.set(botId, known);
    }
    return known;
  };
  // Live events start after the newest event before the history is read: nothing falls between
  // the two, and a signal in both (committed in between) is sent once.
  const newest = await prisma.outboxEvent.findFirst({
    where: { userId: strategy.userId },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  const recent = await readSignals(prisma, input.strategyId, { limit: input.history });
  const sent = new Set(recent.map((recentSignal) => recentSignal.id));
  const live = streamEvents(
    deps,
    principal.userId,
    { userId: strategy.userId, types: ['trade.executed'] },
    newest?.id.toString() ?? '0',
    signal,
    transport,
  );
  return (async function* () {
    yield { type: 'recent_signals', signals: recent };
    for await (const event of live) {
      if (event.botId === null || !(await belongs(event.botId))) continue;
      const next = toSignal(input.strategyId, event);
      if (!sent.has(next.id)) yield { type: 'new_signal', signal: next };
    }
  })();
}
