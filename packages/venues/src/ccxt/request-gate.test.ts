import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { RequestGate } from './request-gate.ts';

/** A call the exchange answers with 429 until `limitedUntil`, recording when each was sent. */
function limitedExchange(limitedUntil: number) {
  const sent: number[] = [];
  const call = async () => {
    sent.push(Date.now());
    if (Date.now() < limitedUntil) throw new ccxt.RateLimitExceeded('binance 429');
    return 'ok';
  };
  return { sent, call };
}

describe('RequestGate', () => {
  it('pauses every caller after a 429: ten callers send one more request each, after the pause', async () => {
    const gate = new RequestGate('binance', { initialMs: 200, maxMs: 5_000, attempts: 4 });
    const { sent, call } = limitedExchange(Date.now() + 100);
    const results = await Promise.all(Array.from({ length: 10 }, () => gate.run(call)));
    expect(results).toEqual(Array(10).fill('ok'));
    // Ten first attempts at once, then each retried once after the shared pause: no storm.
    expect(sent).toHaveLength(20);
    const retries = sent.slice(10);
    expect(Math.min(...retries) - Math.max(...sent.slice(0, 10))).toBeGreaterThanOrEqual(190);
  });

  it('backs off exponentially and gives up after its attempts', async () => {
    const gate = new RequestGate('binance', { initialMs: 50, maxMs: 5_000, attempts: 3 });
    const { sent, call } = limitedExchange(Number.POSITIVE_INFINITY);
    await expect(gate.run(call)).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    expect(sent).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = sent;
    expect(second - first).toBeGreaterThanOrEqual(45);
    expect(third - second).toBeGreaterThanOrEqual(95);
  });

  it('honours Retry-After, and fails at once while a ban is longer than it would wait', async () => {
    const gate = new RequestGate('binance', { initialMs: 10, maxMs: 1_000, attempts: 2 });
    gate.noteResponse(418, { 'retry-after': '120' });
    const { sent, call } = limitedExchange(Number.POSITIVE_INFINITY);
    const banned = {
      code: 'PROVIDER_ERROR',
      message: expect.stringMatching(/^binance is rate limiting requests until /),
    };
    await expect(gate.run(call)).rejects.toMatchObject(banned);
    await expect(gate.run(call)).rejects.toMatchObject(banned);
    expect(sent).toHaveLength(1);
  });

  it('other errors pass through untouched and are not retried', async () => {
    const gate = new RequestGate('binance', { initialMs: 10, maxMs: 1_000, attempts: 3 });
    let calls = 0;
    const failure = new ccxt.ExchangeNotAvailable('binance 503');
    await expect(
      gate.run(async () => {
        calls += 1;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});
