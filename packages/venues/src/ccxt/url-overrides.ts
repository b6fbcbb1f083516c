import ipaddr from 'ipaddr.js';

/**
 * Parses EXCHANGE_URL_OVERRIDES: `binance=http://127.0.0.1:9400,kraken=https://eu.example`.
 * Throws an Error naming the bad entry; targets must be absolute http(s) URLs without
 * credentials, and loopback/private ones only when `allowPrivate` (like webhook targets).
 */
export function parseUrlOverrides(setting: string, allowPrivate: boolean): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const entry of setting.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const separator = entry.indexOf('=');
    const id = entry.slice(0, separator).trim();
    const target = entry.slice(separator + 1).trim();
    if (separator <= 0 || target === '') {
      throw new Error(`"${entry}" is not exchange=url`);
    }
    overrides[id] = checkOverrideUrl(id, target, allowPrivate);
  }
  return overrides;
}

/** Checks one override target; returns it without a trailing slash. */
export function checkOverrideUrl(id: string, target: string, allowPrivate: boolean): string {
  const url = URL.canParse(target) ? new URL(target) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${id}: expected an http(s) URL`);
  }
  if (url.username || url.password) throw new Error(`${id}: credentials in the URL`);
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    throw new Error(
      `${id}: ${url.hostname} is a loopback or private address; set EXCHANGE_ALLOW_PRIVATE_URLS=true to allow it`,
    );
  }
  return url.href.replace(/\/$/, '');
}

/**
 * IP literals outside global unicast, and `localhost`. Host names are not resolved: the setting
 * is the operator's, not a user's, so this guards against mistakes rather than rebinding.
 */
function isPrivateHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  return ipaddr.isValid(bare) && ipaddr.parse(bare).range() !== 'unicast';
}

/**
 * Points every entry of ccxt's `urls.api` at `base`, keeping each entry's path:
 * `https://api.binance.com/api/v3` -> `http://127.0.0.1:9400/api/v3`.
 */
export function rewriteApiUrls(api: unknown, base: string): unknown {
  if (typeof api === 'string') return api.replace(/^[a-z]+:\/\/[^/]+/i, base);
  if (api !== null && typeof api === 'object') {
    return Object.fromEntries(
      Object.entries(api).map(([key, value]) => [key, rewriteApiUrls(value, base)]),
    );
  }
  return api;
}
