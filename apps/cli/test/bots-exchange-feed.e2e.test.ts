/** `tradewind bots start --feed binance`: a PAPER bot on an exchange's candles, through the binary. */
import type { RunningServer } from '@tradewind/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, oneLineFailure, registerUser, removeCliHomes } from './support/cli-fixtures.ts';
import {
  type FakeExchangeServer,
  startServerOnFakeExchange,
} from './support/fake-exchange-server.ts';

let setup: FakeExchangeServer;
let server: RunningServer;
beforeAll(async () => {
  setup = await startServerOnFakeExchange(3);
  server = setup.server;
}, 120_000);
afterAll(async () => {
  await setup?.close();
  await removeCliHomes();
});

describe('tradewind bots start --feed', () => {
  it('starts a bot on binance BTC/USDT and refuses unknown exchanges and symbols', {
    timeout: 180_000,
  }, async () => {
    const cli = await cliHome();
    expect((await cli.login(server, await registerUser(server, 'exchange-feed'))).code).toBe(0);
    const start = (feed: string, symbols: string) =>
      cli.run([
        'bots',
        'start',
        '--strategy',
        'MovingAverage',
        '--feed',
        feed,
        '--symbols',
        symbols,
        '--timeframe',
        '1m',
        '--cash',
        '100000',
      ]);
    expect(oneLineFailure(await start('nasdaq', 'BTC/USDT'))).toMatch(
      /^feed: unknown exchange "nasdaq"; known exchanges: binance, kraken, kucoin, luno, bybit \(request \S+\)$/,
    );
    expect(oneLineFailure(await start('binance', 'DOGE/EUR'))).toMatch(
      /^symbols: binance has no market DOGE\/EUR \(symbols look like BTC\/USDT\) \(request \S+\)$/,
    );
    const started = await start('binance', 'BTC/USDT');
    expect(started).toMatchObject({ code: 0, stderr: '' });
    expect(started.stdout).toMatch(/Feed\s*│ binance/);
    expect(started.stdout).toMatch(/Symbols\s*│ BTC\/USDT/);
  });
});
