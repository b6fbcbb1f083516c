/** Sending TradingView alerts to a real server the way TradingView does: a plain POST. */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { RunningServer } from '@tradewind/server';

export const WEBHOOK_PATH = '/api/v1/webhook/tradingview';

export type WebhookAnswer = {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever the server sent.
  body: any;
};

export type SendOptions = {
  /** Put in the URL as `?token=`. */
  token?: string;
  headers?: Record<string, string>;
};

/**
 * POSTs `body` (a string is sent as is, anything else as JSON) with TradingView's content
 * type for JSON messages, and reads the answer as JSON.
 */
export async function sendAlert(
  server: RunningServer,
  body: unknown,
  options: SendOptions = {},
): Promise<WebhookAnswer> {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const response = await fetch(`${server.url}${WEBHOOK_PATH}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** `sha256=<hex HMAC-SHA256 of the body keyed with the token>`, as a signing sender sends it. */
export function signatureOf(body: string, token: string): string {
  return `sha256=${createHmac('sha256', token).update(body).digest('hex')}`;
}

/** Seed 001's alert, every value a string as in the seed, for `botname`. */
export function seedAlert(botname: string, overrides: Record<string, unknown> = {}) {
  return {
    order_type: 'market',
    symbol: 'AAPL',
    botname,
    side: 'buy',
    size: '3',
    leverage: '1',
    takeprofit: '0',
    ...overrides,
  };
}

/** A POST with exactly `headers` (fetch always adds a content type; curl users may send none). */
export function postRaw(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => {
        text += String(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
