import { createHmac } from 'node:crypto';

/** What a delivery is signed with: the current secret, and during a rotation the previous one. */
export type SigningSecrets = {
  current: string;
  /** Still valid until its rotation window ends; receivers that have not switched yet accept it. */
  previous?: string | undefined;
};

/**
 * The headers that identify and sign one attempt.
 *
 * - `X-Webhook-Signature: sha256=<hex>`: seed 000's promise, HMAC-SHA256 of the exact body bytes
 *   under the current secret (what its Node.js and Python examples check).
 * - Standard Webhooks: `webhook-id` (the delivery id, the same on every retry, for
 *   deduplication), `webhook-timestamp` (Unix seconds of this attempt, for replay windows) and
 *   `webhook-signature: v1,<base64>` over `id.timestamp.body`, one per valid secret, separated by
 *   spaces, so a secret can be rotated without downtime. The key is the secret's UTF-8 bytes
 *   (off-the-shelf verifiers: the "raw" secret format).
 */
export function webhookHeaders(
  delivery: { id: string; body: string },
  timestamp: Date,
  secrets: SigningSecrets | null,
): Record<string, string> {
  const seconds = Math.floor(timestamp.getTime() / 1000).toString();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': delivery.id,
    'webhook-timestamp': seconds,
  };
  if (secrets === null) return headers;
  const signed = `${delivery.id}.${seconds}.${delivery.body}`;
  const keys = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])];
  headers['x-webhook-signature'] = `sha256=${hmac(secrets.current, delivery.body, 'hex')}`;
  headers['webhook-signature'] = keys.map((key) => `v1,${hmac(key, signed, 'base64')}`).join(' ');
  return headers;
}

function hmac(key: string, message: string, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', key).update(message, 'utf8').digest(encoding);
}
