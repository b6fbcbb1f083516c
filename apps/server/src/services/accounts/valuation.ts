import type { AssetBalance, Conversion, Valuation } from '@tradewind/core';
import type { ExchangeClient } from '@tradewind/venues';

/**
 * Currencies counted 1:1 as the target where the exchange quotes no pair in the target itself
 * (Binance has BTC/USDT, not BTC/USD). Each use is written on the conversion's `note`.
 */
const STAND_INS: Readonly<Record<string, readonly string[]>> = {
  USD: ['USDT', 'USDC'],
  EUR: ['EURC'],
};

type PriceRoute = { pair: string; inverse: boolean; quote: string };

/** The exchange's pair that prices `currency` in one of `quotes`: direct first, then inverse. */
function routeFor(
  currency: string,
  quotes: readonly string[],
  symbols: ReadonlySet<string>,
): PriceRoute | undefined {
  for (const quote of quotes) {
    if (symbols.has(`${currency}/${quote}`))
      return { pair: `${currency}/${quote}`, inverse: false, quote };
  }
  for (const quote of quotes) {
    if (symbols.has(`${quote}/${currency}`))
      return { pair: `${quote}/${currency}`, inverse: true, quote };
  }
  return undefined;
}

/**
 * Rounded to the 8 decimals the balance and equity columns keep, so what a sync answers is
 * exactly what is stored and read back later.
 */
function toStoredScale(amount: number): number {
  return Number(amount.toFixed(8));
}

function standInNote(currency: string, target: string): string | undefined {
  return currency === target ? undefined : `${currency} counted as ${target} 1:1`;
}

/**
 * Values balances in `target` with the exchange's own tickers: each currency through its pair
 * to the target (or a stand-in such as USDT for USD), at the ticker's last price. Currencies the
 * exchange has no pair for are listed as unpriced rather than guessed.
 */
export async function valueBalances(
  client: ExchangeClient,
  assets: readonly AssetBalance[],
  target: string,
  now: Date,
): Promise<Valuation> {
  const quotes = [target, ...(STAND_INS[target] ?? [])];
  const held = assets.filter((asset) => asset.total > 0);
  const needsPrices = held.some((asset) => !quotes.includes(asset.currency));
  const symbols = new Set(needsPrices ? await client.listSymbols() : []);
  const conversions: Conversion[] = [];
  const unpriced: Valuation['unpriced'] = [];
  let cash = 0;
  for (const asset of held) {
    if (quotes.includes(asset.currency)) {
      cash += asset.total;
      const note = standInNote(asset.currency, target);
      conversions.push({
        currency: asset.currency,
        amount: asset.total,
        pair: null,
        price: 1,
        priceTime: null,
        value: asset.total,
        ...(note && { note }),
      });
      continue;
    }
    const route = routeFor(asset.currency, quotes, symbols);
    if (!route) {
      unpriced.push({ currency: asset.currency, amount: asset.total });
      continue;
    }
    const ticker = await client.fetchTicker(route.pair);
    const price = route.inverse ? 1 / ticker.last : ticker.last;
    const note = standInNote(route.quote, target);
    conversions.push({
      currency: asset.currency,
      amount: asset.total,
      pair: route.pair,
      price,
      // A ticker without a timestamp is stamped with when it was read.
      priceTime: new Date(
        Number.isFinite(ticker.time) && ticker.time > 0 ? ticker.time : now.getTime(),
      ).toISOString(),
      value: asset.total * price,
      ...(note && { note }),
    });
  }
  const total = conversions.reduce((sum, conversion) => sum + conversion.value, 0);
  return {
    currency: target,
    cash: toStoredScale(cash),
    total: toStoredScale(total),
    conversions,
    unpriced,
    valuedAt: now.toISOString(),
  };
}

/** A paper account's valuation: its cash, already in the target currency. */
export function paperValuation(cash: number, target: string, now: Date): Valuation {
  return {
    currency: target,
    cash,
    total: cash,
    conversions: [
      { currency: target, amount: cash, pair: null, price: 1, priceTime: null, value: cash },
    ],
    unpriced: [],
    valuedAt: now.toISOString(),
  };
}
