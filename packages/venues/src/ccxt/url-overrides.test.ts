import { describe, expect, it } from 'vitest';
import { parseUrlOverrides, rewriteApiUrls } from './url-overrides.ts';

describe('parseUrlOverrides', () => {
  it('reads exchange=url pairs, trimming spaces and trailing slashes', () => {
    expect(
      parseUrlOverrides(' binance=http://127.0.0.1:9400/ , kraken=https://eu.example.com', true),
    ).toEqual({
      binance: 'http://127.0.0.1:9400',
      kraken: 'https://eu.example.com',
    });
  });

  it('refuses loopback and private targets unless allowed', () => {
    for (const target of [
      'http://127.0.0.1:9400',
      'http://localhost:1',
      'http://10.0.0.5',
      'http://[::1]:80',
      'http://169.254.169.254',
    ]) {
      expect(() => parseUrlOverrides(`binance=${target}`, false)).toThrow(
        /binance: .* loopback or private address; set EXCHANGE_ALLOW_PRIVATE_URLS=true/,
      );
    }
    expect(parseUrlOverrides('binance=https://api.example.com', false)).toEqual({
      binance: 'https://api.example.com',
    });
  });

  it('names the bad entry', () => {
    expect(() => parseUrlOverrides('binance', true)).toThrow(/"binance" is not exchange=url/);
    expect(() => parseUrlOverrides('binance=ftp://x', true)).toThrow(
      /binance: expected an http\(s\) URL/,
    );
    expect(() => parseUrlOverrides('binance=http://u:p@x.com', true)).toThrow(
      /credentials in the URL/,
    );
  });
});

describe('rewriteApiUrls', () => {
  it("replaces each entry's origin and keeps its path, also in nested and templated entries", () => {
    const api = {
      public: 'https://api.binance.com/api/v3',
      sapi: 'https://api.binance.com/sapi/v1',
      nested: { spot: 'https://api.{hostname}' },
    };
    expect(rewriteApiUrls(api, 'http://127.0.0.1:9400')).toEqual({
      public: 'http://127.0.0.1:9400/api/v3',
      sapi: 'http://127.0.0.1:9400/sapi/v1',
      nested: { spot: 'http://127.0.0.1:9400' },
    });
  });
});
