import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../binance/authenticate.ts';
import { BinanceError } from '../binance/binance-error.ts';
import type { Endpoint } from '../binance/endpoint.ts';
import { errors } from '../binance/errors.ts';
import { Params } from '../binance/params.ts';
import type { Exchange } from '../exchange.ts';

const GATEWAY_PAGES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function rawQueryOf(request: FastifyRequest): string {
  const start = request.url.indexOf('?');
  return start < 0 ? '' : request.url.slice(start + 1);
}

function sendError(reply: FastifyReply, error: BinanceError) {
  return reply.code(error.status).headers(error.headers).send(error.toJSON());
}

/** Runs the endpoint itself: authentication for signed ones, then its handler. */
async function run(endpoint: Endpoint, exchange: Exchange, request: FastifyRequest, now: number) {
  const rawQuery = rawQueryOf(request);
  const rawBody = typeof request.body === 'string' ? request.body : '';
  // The query's value wins when a parameter is in both, as on Binance.
  const params = new Params(new URLSearchParams(`${rawQuery}&${rawBody}`));
  if (endpoint.security === 'none') return endpoint.handle({ params, now }, exchange);
  const apiKey = request.headers['x-mbx-apikey'];
  const account = authenticate(
    { apiKey: typeof apiKey === 'string' ? apiKey : undefined, rawQuery, rawBody, params },
    exchange.accounts,
    now,
  );
  // Resting orders the market has reached fill before the account is looked at.
  exchange.orders.match(now);
  return endpoint.handle({ params, now, account }, exchange);
}

function weightOf(endpoint: Endpoint, request: FastifyRequest): number {
  if (typeof endpoint.weight === 'number') return endpoint.weight;
  // Weights depend on query parameters only (the weighted POST has a fixed weight).
  return endpoint.weight(new Params(new URLSearchParams(rawQueryOf(request))));
}

/** Answers one request; returns the status sent, or null when none was (a fault). */
async function respond(
  endpoint: Endpoint,
  exchange: Exchange,
  request: FastifyRequest,
  reply: FastifyReply,
  now: number,
  weight: number,
): Promise<number | null> {
  try {
    if (exchange.limiter !== undefined) {
      const used = exchange.limiter.charge(request.ip, weight, now);
      reply.header('X-MBX-USED-WEIGHT', String(used));
      reply.header('X-MBX-USED-WEIGHT-1M', String(used));
    }
    const fault = exchange.faults.take(
      ['latency', 'timeout', 'status', 'error', 'lostResponse'],
      endpoint.method,
      endpoint.path,
    );
    if (fault?.kind === 'latency') await sleep(fault.ms);
    if (fault?.kind === 'timeout') {
      reply.hijack();
      return null;
    }
    if (fault?.kind === 'status') {
      const page = `${fault.status} ${GATEWAY_PAGES[fault.status] ?? 'Error'}`;
      reply
        .code(fault.status)
        .type('text/html')
        .send(fault.body ?? `<html><body><h1>${page}</h1></body></html>`);
      return fault.status;
    }
    if (fault?.kind === 'error') throw new BinanceError(fault.status, fault.code, fault.msg);
    const result = await run(endpoint, exchange, request, now);
    if (fault?.kind === 'lostResponse') {
      // The work is done (an order accepted, say) but the client never hears of it.
      reply.hijack();
      request.raw.socket.destroy();
      return null;
    }
    reply.send(result);
    return 200;
  } catch (error) {
    if (!(error instanceof BinanceError)) {
      // A defect of the fake itself: say so where its operator looks, answer as Binance would.
      process.stderr.write(
        `fake-exchange: ${endpoint.method} ${endpoint.path} failed: ${String(error)}\n`,
      );
    }
    const answer = error instanceof BinanceError ? error : errors.unknown();
    sendError(reply, answer);
    return answer.status;
  }
}

/**
 * Serves one Binance endpoint: charges its weight (429/418), applies any injected fault, runs
 * it and answers JSON, or Binance's `{ code, msg }` error (unexpected failures answer -1000
 * without details, as Binance does), and logs the request as the exchange saw it.
 */
export function mountEndpoint(app: FastifyInstance, exchange: Exchange, endpoint: Endpoint): void {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    handler: async (request, reply) => {
      const now = exchange.now();
      const weight = weightOf(endpoint, request);
      const status = await respond(endpoint, exchange, request, reply, now, weight);
      exchange.requests.record({
        time: now,
        method: endpoint.method,
        path: endpoint.path,
        weight,
        status,
      });
    },
  });
}
