import { Agent, request } from 'undici';
import {
  guardedLookup,
  parseWebhookUrl,
  type ResolveHost,
  systemResolver,
  type WebhookUrlPolicy,
} from './url-guard.ts';
import { type SigningSecrets, webhookHeaders } from './webhook-signature.ts';

/** The outcome of one POST, as the attempt log records it. */
export type AttemptResult = {
  ok: boolean;
  /** The receiver's HTTP status; null when no response came. */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
};

export type WebhookSenderOptions = {
  policy: WebhookUrlPolicy;
  /** The whole attempt — connect, send, response headers and body — must fit in this. */
  timeoutMs: number;
  resolve?: ResolveHost;
  now?: () => Date;
};

/** Receivers' answers are read only to free the connection; more than this is cut off. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs signed webhook bodies. Every connection goes through a lookup that resolves the host
 * and refuses private addresses (unless allowed), and connects to exactly the address it
 * checked; redirects are never followed, so a public URL cannot bounce the request inward.
 */
export class WebhookSender {
  readonly #options: WebhookSenderOptions;
  readonly #agent: Agent;

  constructor(options: WebhookSenderOptions) {
    this.#options = options;
    this.#agent = new Agent({
      connect: {
        lookup: guardedLookup(options.policy, options.resolve ?? systemResolver),
        timeout: options.timeoutMs,
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /** Sends one attempt; never throws: every failure is a result to log. */
  async send(
    url: string,
    delivery: { id: string; body: string },
    secrets: SigningSecrets | null,
    signal?: AbortSignal,
  ): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    try {
      parseWebhookUrl(url, this.#options.policy);
      const response = await request(url, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'user-agent': 'Tradewind-Webhooks/1.0',
          ...webhookHeaders(delivery, (this.#options.now ?? (() => new Date()))(), secrets),
        },
        dispatcher: this.#agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await response.body.dump({ limit: MAX_RESPONSE_BYTES });
      const statusCode = response.statusCode;
      if (statusCode >= 200 && statusCode < 300) {
        return { ok: true, statusCode, durationMs: elapsed(), error: null };
      }
      const location = response.headers.location;
      const error =
        statusCode >= 300 && statusCode < 400
          ? `redirect to ${String(location ?? 'nowhere')} not followed (HTTP ${statusCode})`
          : `receiver answered HTTP ${statusCode}, expected 2xx`;
      return { ok: false, statusCode, durationMs: elapsed(), error };
    } catch (error) {
      const message = timeout.aborted
        ? `no answer within ${this.#options.timeoutMs} ms`
        : describe(error);
      return { ok: false, statusCode: null, durationMs: elapsed(), error: message };
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** The innermost meaningful message: undici wraps connect errors (ours included) in causes. */
function describe(error: unknown): string {
  let current: unknown = error;
  let message = 'delivery failed';
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    message = current.message || message;
    current = current.cause;
  }
  return message.slice(0, 1000);
}
