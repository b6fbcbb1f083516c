import type {
  AuthenticatedPrincipal,
  StrategySignal,
  StrategySignalMessage,
} from '@tradewind/core';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import { signalStreamStart } from '../services/strategies/strategy-signals.ts';
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
 * signals too; the read permission is checked before the stream starts (`signalStreamStart`).
 */
export async function openStrategySignalStream(
  deps: StreamDeps & Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { strategyId: number; history: number },
  signal: AbortSignal | undefined,
  transport: Transport = 'trpc',
): Promise<AsyncGenerator<StrategySignalMessage, void, unknown>> {
  const start = await signalStreamStart(deps, principal, input);
  deps.realtime.connections.assertCanOpen(principal.userId);
  const sent = new Set(start.recent.map((recentSignal) => recentSignal.id));
  const live = streamEvents(
    deps,
    principal.userId,
    { userId: start.ownerId, types: ['trade.executed'] },
    start.afterEventId,
    signal,
    transport,
  );
  return (async function* () {
    yield { type: 'recent_signals', signals: start.recent };
    for await (const event of live) {
      if (event.botId === null || !(await start.belongsToStrategy(event.botId))) continue;
      const next = toSignal(input.strategyId, event);
      if (!sent.has(next.id)) yield { type: 'new_signal', signal: next };
    }
  })();
}
