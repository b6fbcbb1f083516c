import { assertCcxtIds, parseUrlOverrides, type VenueSettings } from '@tradewind/venues';
import { z } from 'zod';

/** The exchange (ccxt venue) environment variables, merged into the server's (config.ts). */
export const ZVenueEnv = {
  /** `binance=http://127.0.0.1:9400,kraken=https://...`: where each exchange's API is reached. */
  EXCHANGE_URL_OVERRIDES: z.string().optional(),
  /** Extra ccxt exchange ids listed on top of the five defaults, comma-separated. */
  EXCHANGES_ENABLED: z.string().optional(),
  /** Let overrides target loopback/private addresses (the fake exchange in tests and CI). */
  EXCHANGE_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .transform((value) => value === 'true' || value === '1')
    .default(false),
  /** Each exchange request gives up after this long. */
  EXCHANGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** First pause after an HTTP 429/418 (doubles on each further one, capped at a minute). */
  EXCHANGE_BACKOFF_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
};

/** Reads the venue settings; throws an Error naming the variable when a value is wrong. */
export function venueSettingsFrom(values: {
  EXCHANGE_URL_OVERRIDES?: string | undefined;
  EXCHANGES_ENABLED?: string | undefined;
  EXCHANGE_ALLOW_PRIVATE_URLS: boolean;
  EXCHANGE_TIMEOUT_MS: number;
  EXCHANGE_BACKOFF_MS: number;
}): VenueSettings {
  const extraExchanges = (values.EXCHANGES_ENABLED ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  try {
    assertCcxtIds(extraExchanges);
  } catch (error) {
    throw new Error(`EXCHANGES_ENABLED: ${(error as Error).message}`);
  }
  let urlOverrides: Record<string, string>;
  try {
    urlOverrides = parseUrlOverrides(
      values.EXCHANGE_URL_OVERRIDES ?? '',
      values.EXCHANGE_ALLOW_PRIVATE_URLS,
    );
  } catch (error) {
    throw new Error(`EXCHANGE_URL_OVERRIDES: ${(error as Error).message}`);
  }
  return {
    urlOverrides,
    extraExchanges,
    allowPrivateUrls: values.EXCHANGE_ALLOW_PRIVATE_URLS,
    timeoutMs: values.EXCHANGE_TIMEOUT_MS,
    backoff: { initialMs: values.EXCHANGE_BACKOFF_MS },
  };
}
