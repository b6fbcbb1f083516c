import { describe, expect, it } from 'vitest';
import { createVenues } from './create-venues.ts';

const settings = { urlOverrides: {}, extraExchanges: [] };

describe('createVenues', () => {
  it('lists the five default exchanges with what their keys need, plus configured extras', () => {
    const venues = createVenues({ ...settings, extraExchanges: ['okx'] });
    const listed = venues.knownExchanges();
    expect(listed.map((exchange) => exchange.id)).toEqual([
      'binance',
      'kraken',
      'kucoin',
      'luno',
      'bybit',
      'okx',
    ]);
    expect(listed.find((exchange) => exchange.id === 'kucoin')).toMatchObject({
      displayName: 'KuCoin',
      requiredCredentials: ['apiKey', 'secret', 'passphrase'],
    });
    expect(listed.find((exchange) => exchange.id === 'binance')).toMatchObject({
      requiredCredentials: ['apiKey', 'secret'],
      supportsTestnet: true,
    });
  });

  it('refuses an extra id ccxt does not know', () => {
    expect(() => createVenues({ ...settings, extraExchanges: ['nope'] })).toThrow(
      'not exchanges ccxt knows: nope',
    );
  });

  it('an unknown exchange is a VALIDATION_ERROR listing the known ones', () => {
    const venues = createVenues(settings);
    expect(() => venues.client({ exchangeId: 'mtgox' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_ERROR',
        message:
          'exchange: unknown exchange "mtgox"; known exchanges: binance, kraken, kucoin, luno, bybit',
        details: expect.objectContaining({ field: 'exchange' }),
      }),
    );
  });

  it('names the missing credential (KuCoin passphrase) and refuses testnet where there is none', () => {
    const venues = createVenues(settings);
    expect(() =>
      venues.client({ exchangeId: 'kucoin', credentials: { apiKey: 'k', secret: 's' } }),
    ).toThrow(
      expect.objectContaining({ message: 'passphrase: KuCoin API keys need a passphrase' }),
    );
    expect(() => venues.client({ exchangeId: 'kraken', testnet: true })).toThrow(
      expect.objectContaining({ message: 'testnet: Kraken has no testnet' }),
    );
  });

  it('refuses a private override target unless allowed', () => {
    const overrides = { binance: 'http://127.0.0.1:9400' };
    expect(() => createVenues({ ...settings, urlOverrides: overrides })).toThrow(
      /EXCHANGE_ALLOW_PRIVATE_URLS/,
    );
    expect(() =>
      createVenues({ ...settings, urlOverrides: overrides, allowPrivateUrls: true }),
    ).not.toThrow();
  });

  it('asks for credentials before a private call, without touching the network', async () => {
    const client = createVenues(settings).client({ exchangeId: 'binance' });
    await expect(client.fetchBalances()).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'credentials: fetching balances needs API credentials',
    });
  });
});
