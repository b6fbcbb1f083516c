import { startFakeExchange } from '@tradewind/fake-exchange';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';

export type FakeExchangeServer = { server: RunningServer; close(): Promise<void> };

/**
 * A test server whose `binance` is a fake exchange (seeded market, weight limits off);
 * `urlOverrides` point further exchanges elsewhere (e.g. a closed port for "unreachable").
 */
export async function startServerOnFakeExchange(
  seed: number,
  urlOverrides: Record<string, string> = {},
): Promise<FakeExchangeServer> {
  const exchange = await startFakeExchange({ seed, limits: false });
  const server = await startTestServer({
    venues: {
      urlOverrides: { binance: exchange.url, ...urlOverrides },
      extraExchanges: [],
      allowPrivateUrls: true,
      timeoutMs: 5_000,
    },
  });
  return {
    server,
    close: async () => {
      await server.close();
      await exchange.close();
    },
  };
}
