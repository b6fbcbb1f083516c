import type { StrategySignalMessage } from '@tradewind/core';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, rejection } from '../support/clients.ts';
import { eventually, GatewayClient, refusedStatus } from './stream-clients.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let aliceToken: string;
let bobToken: string;

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
  aliceToken = (await clients.register('sig-alice@example.com')).accessToken;
  bobToken = (await clients.register('sig-bob@example.com')).accessToken;
  alice = overWebSocket(aliceToken);
  bob = overWebSocket(bobToken);
});
afterAll(async () => {
  await server?.close();
});

describe('realtime.strategySignals', () => {
  it("sends the recent signals first, then each new one once, over tRPC and seed 002's raw sockets (signals, performance every second); others and bad frequencies are refused", async () => {
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

    // Seed 002's raw WebSocket streams for the same strategy.
    const ws = server.url.replace(/^http/, 'ws');
    const rawSignals = new GatewayClient(
      `${ws}/ws/strategies/${strategy.id}/signals?token=${aliceToken}`,
    );
    const rawPerformance = new GatewayClient(
      `${ws}/ws/strategies/${strategy.id}/performance?token=${aliceToken}&frequency=1`,
    );
    await Promise.all([rawSignals.opened, rawPerformance.opened]);

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
    await eventually(() => rawSignals.of('new_signal')[1], 'two new signals on the raw socket');
    await eventually(() => rawPerformance.of('performance_update')[1], 'two performance updates');
    await alice.strategies.stop.mutate({ strategyId: strategy.id });
    subscription.unsubscribe();
    expect(rawSignals.messages[0]?.type).toBe('recent_signals');
    expect(rawSignals.messages[0]?.data).toEqual(expect.any(Array));
    expect((rawSignals.messages[0]?.data as unknown[] | undefined)?.length).toBeGreaterThanOrEqual(
      2,
    );
    expect(rawSignals.of('new_signal')[0]?.data).toMatchObject({ strategyId: strategy.id });
    expect(rawPerformance.of('performance_update')[0]?.data).toMatchObject({
      strategyId: strategy.id,
      period: 'all',
    });
    rawSignals.close();
    rawPerformance.close();
    expect(
      await refusedStatus(`${ws}/ws/strategies/${strategy.id}/signals?token=${bobToken}`),
    ).toBe(404);
    expect(
      await refusedStatus(
        `${ws}/ws/strategies/${strategy.id}/performance?token=${aliceToken}&frequency=99`,
      ),
    ).toBe(400);

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
