import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { toDomainError } from './ccxt-errors.ts';

const credentials = { apiKey: 'my-api-key-123', secret: 'my-secret-456' };
const signedUrl =
  'https://api.binance.com/api/v3/account?timestamp=1&recvWindow=10000&signature=deadbeef';

describe('toDomainError', () => {
  it("rejected keys say 'Invalid API credentials' with the exchange's reason, nothing signed", () => {
    const error = toDomainError(
      new ccxt.AuthenticationError(
        'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
      ),
      'binance',
      credentials,
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toBe(
      'Invalid API credentials: Invalid API-key, IP, or permissions for action.',
    );
  });

  it('drops URLs and credentials from a plain-text reason', () => {
    const error = toDomainError(
      new ccxt.AuthenticationError(
        `binance GET ${signedUrl} 401 Unauthorized key my-api-key-123 secret my-secret-456`,
      ),
      'binance',
      credentials,
    );
    expect(error.message).toMatch(/^Invalid API credentials: /);
    expect(error.message).not.toMatch(/signature|deadbeef|my-api-key-123|my-secret-456|https?:/);
  });

  it('unreachable, 5xx, timeouts and rate limits are PROVIDER_ERROR without the signed URL', () => {
    for (const failure of [
      new ccxt.ExchangeNotAvailable(`binance GET ${signedUrl} 503 Service Unavailable`),
      new ccxt.RequestTimeout(`binance GET ${signedUrl} request timed out (10000 ms)`),
      new ccxt.NetworkError(`binance GET ${signedUrl} fetch failed`),
      new ccxt.RateLimitExceeded(`binance GET ${signedUrl} 429 Too Many Requests`),
      new ccxt.DDoSProtection(`binance GET ${signedUrl} 418 I'm a teapot`),
    ]) {
      const error = toDomainError(failure, 'binance', credentials);
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(error.message).toMatch(/^binance is /);
      expect(error.message).not.toMatch(/signature|https?:/);
    }
  });

  it('a bad symbol names the field; anything not from ccxt says nothing about itself', () => {
    const badSymbol = toDomainError(
      new ccxt.BadSymbol('binance does not have market symbol NOPE/USDT'),
      'binance',
    );
    expect(badSymbol).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'symbol' } });
    expect(badSymbol.message).toBe('symbol: does not have market symbol NOPE/USDT');
    const bug = toDomainError(new TypeError('x is undefined at /srv/app/file.js'), 'binance');
    expect(bug).toMatchObject({ code: 'PROVIDER_ERROR', message: 'binance request failed' });
  });
});
