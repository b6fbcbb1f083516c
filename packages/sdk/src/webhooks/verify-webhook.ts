import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookPayload, ZWebhookPayload } from '@tradewind/core';

/** The raw request body exactly as received: verify before parsing, never a re-serialisation. */
export type RawBody = string | Uint8Array;

/** Header lookup: a plain object (Node's `IncomingHttpHeaders`) or a Fetch `Headers`. */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

/** Why a delivery was refused. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Five minutes either way, as Standard Webhooks recommends. */
const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, message: RawBody, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(message).digest(encoding);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks seed 000's `X-Webhook-Signature: sha256=<hex>` header: HMAC-SHA256 of the raw body
 * under your webhook secret, compared in constant time. True when it matches.
 *
 * @example
 * const ok = verifyWebhookSignature(rawBody, req.headers['x-webhook-signature'], secret);
 */
export function verifyWebhookSignature(
  rawBody: RawBody,
  header: string | string[] | null | undefined,
  secret: string,
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !secret) return false;
  return safeEqual(value.trim(), `sha256=${hmac(secret, rawBody, 'hex')}`);
}

/**
 * The replay-window check: true when a `webhook-timestamp` (Unix seconds) lies within
 * `toleranceSeconds` of now. Refuse older deliveries: a captured request replayed later fails.
 */
export function isWithinReplayWindow(
  header: string | string[] | null | undefined,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  const timestamp = Array.isArray(header) ? header[0] : header;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return (
    Math.abs(now - Number(timestamp)) <= (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)
  );
}

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? record[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies a delivery the Standard Webhooks way and returns its payload: the `webhook-timestamp`
 * must be within the replay window and one of the space-separated `webhook-signature` entries
 * (`v1,<base64>` over `id.timestamp.body`) must match one of `secrets` — pass both the new and
 * the old secret while rotating. Deduplicate on `webhook-id`: retries reuse it.
 *
 * @throws WebhookVerificationError naming what was wrong.
 */
export function verifyWebhook(
  rawBody: RawBody,
  headers: WebhookHeaders,
  secrets: string | readonly string[],
  options: { toleranceSeconds?: number; now?: Date } = {},
): { id: string; timestamp: Date; payload: WebhookPayload } {
  const id = headerOf(headers, 'webhook-id');
  const timestamp = headerOf(headers, 'webhook-timestamp');
  const signatures = headerOf(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing webhook-id, webhook-timestamp or webhook-signature header',
    );
  }
  if (!isWithinReplayWindow(timestamp, options)) {
    throw new WebhookVerificationError(
      `webhook-timestamp ${timestamp} is outside the replay window`,
    );
  }
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const signed = `${id}.${timestamp}.${body}`;
  const expected = (typeof secrets === 'string' ? [secrets] : secrets).map(
    (secret) => `v1,${hmac(secret, signed, 'base64')}`,
  );
  const offered = signatures.split(' ').filter(Boolean);
  if (!offered.some((signature) => expected.some((candidate) => safeEqual(signature, candidate)))) {
    throw new WebhookVerificationError('no webhook-signature matches the secret');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError('the body is not JSON');
  }
  const parsed = ZWebhookPayload.safeParse(json);
  if (!parsed.success)
    throw new WebhookVerificationError('the body is not a Tradewind webhook payload');
  return { id, timestamp: new Date(Number(timestamp) * 1000), payload: parsed.data };
}
