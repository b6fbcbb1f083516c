import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks `X-TradingView-Signature` when a sender provides one (TradingView itself cannot): the
 * hex HMAC-SHA256 of the exact body bytes, keyed with the webhook token, optionally written
 * `sha256=<hex>` like our outbound webhooks. Compared in constant time.
 */
export function signatureMatches(rawBody: string, token: string, header: string): boolean {
  const presented = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(presented)) return false;
  const expected = createHmac('sha256', token).update(rawBody, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(presented, 'hex'));
}
