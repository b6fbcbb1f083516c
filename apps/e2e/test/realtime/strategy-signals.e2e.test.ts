import type { StrategySignalMessage } from '@tradewind/core';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, rejection } from '../support/clients.ts';
import { eventually } from './stream-clients.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;

/** A client whose subscriptions go over WebSocket. */
function overWebSocket(token: string): TradewindClient {
  return createTradewindClient({
    url: server.url,
    subscriptions: 'websocket',
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
}

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 10 });
  const clients = clientsFor(server);
  alice = overWebSocket((await clients.register('sig-alice@example.com')).accessToken);
  bob = overWebSocket((await clients.register('sig-bob@example.com')).accessToken);
});
afterAll(async () => {
  await server?.close();
});

describe('realtime.strategySignals', () => {
  it('sends the recent signals first, then each new one once; a user the strategy is not shared with is refused', async () => {
    const strategy = await alice.strategies.create.mutate({
      config: {
        name: 'Signals',
        algorithm: 'MovingAverage',
        parameters: { fast: 2, slow: 4 },
        symbols: ['AAPL'],
      },
    });
    await alice.strategies.start.mutate({ strategyId: strategy.id });
    const fills = () =>
      server.deps.db.prisma.trade.count({
        where: { bot: { strategyRun: { strategyId: strategy.id } } },
      });
    const deadline = Date.now() + 30_000;
    while ((await fills()) < 2) {
      if (Date.now() > deadline) throw new Error('the strategy did not trade');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const messages: StrategySignalMessage[] = [];
    const subscription = alice.realtime.strategySignals.subscribe(
      { strategyId: strategy.id, history: 500 },
      { onData: (message) => messages.push(message) },
    );
    const first = await eventually(() => messages[0], 'recent_signals');
    expect(first.type).toBe('recent_signals');
    const recent = first.type === 'recent_signals' ? first.signals : [];
    expect(recent.length).toBeGreaterThanOrEqual(2);
    await eventually(
      () =>
        messages.filter((message) => message.type === 'new_signal').length >= 2 ? true : undefined,
      'two new signals',
    );
    await alice.strategies.stop.mutate({ strategyId: strategy.id });
    subscription.unsubscribe();

    // Together: exactly the strategy's signals as strategies.signals lists them, none twice.
    const live = messages.flatMap((message) =>
      message.type === 'new_signal' ? [message.signal] : [],
    );
    const listed = await alice.strategies.signals.query({ strategyId: strategy.id, limit: 500 });
    const ids = [...recent, ...live].map((signal) => signal.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = new Map(listed.map((signal) => [signal.id, signal]));
    for (const signal of [...recent, ...live]) expect(signal).toEqual(byId.get(signal.id));
    expect(live.every((signal) => signal.strategyId === strategy.id)).toBe(true);

    const refused = await rejection(
      new Promise((resolve, reject) => {
        bob.realtime.strategySignals.subscribe(
          { strategyId: strategy.id },
          { onData: resolve, onError: reject },
        );
      }),
    );
    expect(refused.data?.code).toBe('NOT_FOUND');
  }, 90_000);
});
