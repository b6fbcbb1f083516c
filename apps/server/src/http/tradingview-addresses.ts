import { isIP } from 'node:net';

/**
 * The addresses TradingView sends webhook alerts from, as its help centre publishes them
 * ("How to configure webhook alerts", support article 43000529348; IPv4 only, ports 80 and
 * 443 only). `TRADINGVIEW_ALLOWED_IPS=tradingview` allows exactly these.
 */
export const TRADINGVIEW_SOURCE_ADDRESSES = [
  '52.89.214.238',
  '34.212.75.30',
  '54.218.53.128',
  '52.32.178.7',
] as const;

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) -> `1.2.3.4`. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * Reads an allow-list setting: comma-separated addresses, where `tradingview` stands for
 * TradingView's published ones. Throws on anything that is not an IP address.
 */
export function parseAllowedAddresses(setting: string): string[] {
  const entries = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const addresses = entries.flatMap((entry) =>
    entry.toLowerCase() === 'tradingview' ? [...TRADINGVIEW_SOURCE_ADDRESSES] : [entry],
  );
  const invalid = addresses.filter((address) => isIP(address) === 0);
  if (invalid.length > 0) {
    throw new Error(`not an IP address: ${invalid.join(', ')}`);
  }
  return [...new Set(addresses.map(normalizeAddress))];
}
