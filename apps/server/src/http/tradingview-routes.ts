import { randomUUID } from 'node:crypto';
import {
  describeJsonProblem,
  FREE_FORM_JSON_LIMITS,
  findJsonProblem,
  type TradingViewExecution,
  type TradingViewWebhookError,
  type TradingViewWebhookResponse,
  tradingViewReplyStatus,
  unsafeStringProblem,
} from '@tradewind/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../server-deps.ts';
import type { IncomingSignal } from '../services/tradingview/incoming-signal.ts';
import { receiveSignal, type SignalOutcome } from '../services/tradingview/receive-signal.ts';
import {
  TRADINGVIEW_WEBHOOK_PATH,
  tradingViewTokenOwner,
} from '../services/tradingview/webhook-token.ts';
import { normalizeAddress } from './tradingview-addresses.ts';

/** Alert messages are short; anything bigger is not one. */
const BODY_LIMIT_BYTES = 64 * 1024;
/** Budgets (before `RATE_LIMIT_SCALE`): per source address, and per token owner. */
const PER_ADDRESS = { points: 300, durationSeconds: 60 };
const PER_OWNER = { points: 60, durationSeconds: 60 };

type ErrorFields = Pick<TradingViewWebhookError, 'errors' | 'correlation_id'>;

function errorBody(request: FastifyRequest, detail: string, extra: ErrorFields = {}) {
  return {
    success: false,
    detail,
    ...extra,
    request_id: request.id,
    timestamp: new Date().toISOString(),
  } satisfies TradingViewWebhookError;
}

function toResult(execution: TradingViewExecution) {
  return {
    bot_id: execution.botId,
    bot_name: execution.botName,
    success: execution.success,
    trade_id: execution.tradeId,
    symbol: execution.symbol,
    action: execution.action,
    quantity: execution.quantity,
    price: execution.price,
    fee: execution.fee,
    error: execution.error,
  };
}

function messageOf(outcome: SignalOutcome, errors: number): string {
  if (outcome.status === 'DUPLICATE') {
    return `Duplicate signal: already processed as ${outcome.duplicateOf}; not executed again`;
  }
  if (outcome.status === 'PROCESSING') {
    return 'Signal accepted; execution continues: read its result from the signal log by correlation_id';
  }
  return errors === 0
    ? 'Signal processed successfully'
    : `Signal processed with ${errors} failed execution(s)`;
}

/** Seed 001's answer for an outcome: its envelope, or its error format with the reason. */
function answer(request: FastifyRequest, reply: FastifyReply, outcome: SignalOutcome) {
  reply.code(tradingViewReplyStatus(outcome));
  if (outcome.status === 'REJECTED') {
    return errorBody(request, outcome.reason ?? 'Signal refused', {
      ...(outcome.fieldErrors && { errors: outcome.fieldErrors }),
      correlation_id: outcome.correlationId,
    });
  }
  const successCount = outcome.results.filter((result) => result.success).length;
  const errorCount = outcome.results.length - successCount;
  return {
    success: errorCount === 0,
    message: messageOf(outcome, errorCount),
    data: {
      correlation_id: outcome.correlationId,
      status: outcome.status,
      success_count: successCount,
      error_count: errorCount,
      results: outcome.results.map(toResult),
    },
  } satisfies TradingViewWebhookResponse;
}

/**
 * The alert as a JSON object, or what is wrong with it. The object is stored as the signal's
 * payload, so it is held to the free-form limits (no prototype keys, bounded depth and size,
 * only storable strings) before anything else reads it.
 */
function parseBody(raw: string): IncomingSignal['body'] {
  if (raw.trim() === '') return { ok: false, problem: 'is empty: send the alert as a JSON object' };
  const rawProblem = unsafeStringProblem(raw);
  if (rawProblem) return { ok: false, problem: rawProblem };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, problem: 'must be a JSON object' };
    }
    const problem = findJsonProblem(value, FREE_FORM_JSON_LIMITS);
    if (problem) return { ok: false, problem: describeJsonProblem(problem) };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, problem: `is not valid JSON (${(error as Error).message})` };
  }
}

/**
 * Seed 001's TradingView routes: `POST /api/v1/webhook/tradingview` and its `GET …/test`
 * health check. TradingView cannot sign requests or set headers, so the owner's webhook token
 * rides in the URL (`?token=`) or the alert's `token` field. Bodies are read as text whatever
 * their content type (TradingView sends `text/plain` unless the message is valid JSON), so the
 * signature covers the exact bytes and bad JSON gets a clear 400.
 */
export async function tradingViewRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  // Executions still running after a 202 finish before the server closes its database.
  const background = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...background]);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'TradingView webhook failed');
    return reply
      .code(status)
      .send(errorBody(request, status === 500 ? 'Internal error' : error.message));
  });

  /** Spends one call of `key`'s budget; answers 429 (true) once it is empty. */
  async function overBudget(
    reply: FastifyReply,
    request: FastifyRequest,
    key: string,
    budget: { points: number; durationSeconds: number },
  ): Promise<boolean> {
    const limit = Math.ceil(budget.points * deps.config.rateLimitScale);
    const decision = await deps.rateLimiter.consume(key, limit, budget.durationSeconds);
    reply.header('X-RateLimit-Limit', String(decision.limit));
    reply.header('X-RateLimit-Remaining', String(decision.remaining));
    reply.header('X-RateLimit-Reset', String(decision.resetAt));
    if (decision.allowed) return false;
    reply.header('Retry-After', String(decision.retryAfterSeconds));
    reply
      .code(429)
      .send(
        errorBody(
          request,
          `Too many requests: limit ${decision.limit}; retry in ${decision.retryAfterSeconds}s`,
        ),
      );
    return true;
  }

  app.get(`${TRADINGVIEW_WEBHOOK_PATH}/test`, async (request, reply) => {
    const address = normalizeAddress(request.ip);
    if (await overBudget(reply, request, `tradingview-ip:${address}`, PER_ADDRESS)) return reply;
    return {
      success: true,
      message: 'Webhook endpoint is operational',
      data: { timestamp: deps.now().toISOString(), correlation_id: randomUUID() },
    };
  });

  app.post<{ Querystring: { token?: string | string[] }; Body: string }>(
    TRADINGVIEW_WEBHOOK_PATH,
    { bodyLimit: BODY_LIMIT_BYTES },
    async (request, reply) => {
      const address = normalizeAddress(request.ip);
      const allowed = deps.config.tradingViewAllowedIps;
      if (allowed && !allowed.includes(address)) {
        request.log.warn({ address }, 'TradingView webhook from an address not allowed');
        return reply.code(403).send(errorBody(request, `Source address ${address} is not allowed`));
      }
      if (await overBudget(reply, request, `tradingview-ip:${address}`, PER_ADDRESS)) return reply;

      const rawBody = typeof request.body === 'string' ? request.body : '';
      const body = parseBody(rawBody);
      const queryToken = [request.query.token].flat()[0];
      const bodyToken = body.ok ? body.value.token : undefined;
      const token = queryToken || (typeof bodyToken === 'string' ? bodyToken : undefined);
      if (!token) {
        if (!body.ok) {
          return reply
            .code(400)
            .send(errorBody(request, `body: ${body.problem}`, { errors: { body: body.problem } }));
        }
        return reply
          .code(401)
          .send(
            errorBody(
              request,
              'Missing webhook token: add ?token=<your token> to the webhook URL or a "token" field to the alert',
            ),
          );
      }
      const owner = await tradingViewTokenOwner(deps, token);
      if (!owner) {
        request.log.warn({ address }, 'TradingView webhook with an invalid token');
        return reply.code(401).send(errorBody(request, 'Invalid webhook token'));
      }
      if (await overBudget(reply, request, `tradingview-user:${owner.id}`, PER_OWNER)) {
        return reply;
      }
      const signature = request.headers['x-tradingview-signature'];
      const outcome = await receiveSignal(
        deps,
        {
          owner,
          token,
          rawBody,
          body,
          signature: Array.isArray(signature) ? signature[0] : signature,
          sourceIp: address,
        },
        {
          logError: (error, message) => request.log.error({ err: error }, message),
          inBackground: (work) => {
            background.add(work);
            void work.finally(() => background.delete(work));
          },
        },
      );
      request.log.info(
        { correlationId: outcome.correlationId, status: outcome.status },
        'TradingView signal',
      );
      return answer(request, reply, outcome);
    },
  );
}
