import ccxt from 'ccxt';

type Credentials = { apiKey: string; secret: string };

/**
 * A real ccxt `binance` pointed at the fake exchange by rewriting every `urls.api` entry's
 * origin. Only spot markets are loaded (`options.fetchMarkets`), as an application would set;
 * the fake also answers ccxt's defaults (see account.ccxt.test.ts).
 */
export function binanceAt(
  url: string,
  credentials?: Credentials,
  options: object = {},
  clock?: { now: number },
) {
  const exchange = new ccxt.binance({
    ...credentials,
    timeout: 20_000,
    options: { fetchMarkets: ['spot'], ...options },
  });
  const api = exchange.urls.api as Record<string, string>;
  for (const [name, address] of Object.entries(api)) {
    api[name] = address.replace(/^https:\/\/[a-z]+\.binance\.com/, url);
  }
  // Signed requests carry the test's clock when it drives the server's.
  if (clock !== undefined) exchange.nonce = () => clock.now;
  return exchange;
}
