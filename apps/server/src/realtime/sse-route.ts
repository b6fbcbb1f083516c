import { type MetricsOverview, ZEventId } from '@tradewind/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServerDeps } from '../server-deps.ts';
import { metricsOverview } from '../services/performance/performance.ts';
import { gatewayMessagesFor } from './gateway-messages.ts';
import { SharedOverviews } from './shared-overviews.ts';
import { SlowConsumerGuard } from './slow-consumer-guard.ts';
import { admitStream, queryParameter, refuse, streamCredentials } from './stream-auth.ts';

/** Overview updates follow bot and trade events, at most this often. */
const OVERVIEW_DEBOUNCE_MS = 1000;
/** What EventSource waits before reconnecting (it then sends Last-Event-ID). */
const RETRY_MS = 3000;

/** Seed 003's event name and data for a domain event. */
function sseEventFor(event: DomainEvent): { name: string; data: unknown } {
  if (event.type === 'trade.executed') {
    return {
      name: 'trade_update',
      data: {
        type: 'recent_trades',
        event_id: event.id,
        trades: [event.payload],
        count: 1,
        timestamp: event.createdAt.toISOString(),
      },
    };
  }
  const [first] = gatewayMessagesFor(event);
  if (first === undefined) {
    // Backtest progress and the like: the event as tRPC streams carry it.
    return {
      name: event.type.startsWith('backtest.') ? 'backtest_update' : 'event',
      data: { type: event.type, event_id: event.id, data: event.payload },
    };
  }
  return { name: event.type === 'alert' ? 'alert' : 'bot_update', data: first.message };
}

/** One SSE message: `id` (when given), `event` and `data` lines. */
function sseBlock(name: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Encodes a value once however many streams send it (an event reaches all of its user's streams,
 * an overview all of the user's streams): the block is kept as long as the value lives, so an
 * overview's `timestamp` says when those figures were first sent.
 */
function encodedOnce<T extends object>(encode: (value: T) => string): (value: T) => string {
  const blocks = new WeakMap<T, string>();
  return (value) => {
    let block = blocks.get(value);
    if (block === undefined) {
      block = encode(value);
      blocks.set(value, block);
    }
    return block;
  };
}

/**
 * Where a reconnecting client resumes: `Last-Event-ID` (EventSource sends it) or
 * `?lastEventId=`. `invalid` when given but not an event id: the stream then says so in an
 * `error` event and carries live events only (closing would make a browser reconnect forever).
 */
function lastEventIdOf(request: FastifyRequest): { id: string | null; invalid?: true } {
  const header = request.headers['last-event-id'];
  const value =
    (Array.isArray(header) ? header[0] : header) ?? queryParameter(request, 'lastEventId');
  if (value === undefined || value === '') return { id: null };
  return ZEventId.safeParse(value).success ? { id: value } : { id: null, invalid: true };
}

function overviewUpdate(overview: MetricsOverview, now: Date) {
  return {
    type: 'overview',
    active_bots: overview.activeBots,
    total_bots: overview.totalBots,
    total_profit: overview.totalProfit,
    total_capital: overview.totalCapital,
    timestamp: now.toISOString(),
  };
}

/**
 * Seed 003's SSE stream at `/api/realtime/events`: `heartbeat` (with a counter),
 * `overview_update`, `bot_update`, `trade_update`, `alert` and `backtest_update`. Domain events carry their outbox
 * id as the SSE `id`, so a reconnecting EventSource (`Last-Event-ID`) gets what it missed.
 * Headers keep proxies from buffering (nginx: `X-Accel-Buffering: no`); nothing is compressed.
 */
export function registerSseRoute(app: FastifyInstance, deps: ServerDeps): void {
  const { realtime } = deps;
  const overviews = new SharedOverviews<MetricsOverview>({
    compute: (principal) => metricsOverview(deps, principal),
    debounceMs: OVERVIEW_DEBOUNCE_MS,
  });
  const eventBlock = encodedOnce((event: DomainEvent) => {
    const { name, data } = sseEventFor(event);
    return sseBlock(name, data, event.id);
  });
  const overviewBlock = encodedOnce((overview: MetricsOverview) =>
    sseBlock('overview_update', overviewUpdate(overview, deps.now())),
  );
  // One shutdown listener for every stream (not one each: thousands of streams are normal).
  const open = new Set<() => void>();
  deps.shutdownSignal.addEventListener('abort', () => {
    for (const end of open) end();
  });
  app.get('/api/realtime/events', async (request, reply) => {
    const principal = await admitStream(deps, request, reply);
    if (principal === undefined) return reply;
    let release: () => void;
    let resume: ReturnType<typeof lastEventIdOf>;
    try {
      resume = lastEventIdOf(request);
      release = realtime.connections.open({ transport: 'sse', userId: principal.userId });
    } catch (error) {
      return refuse(reply, error);
    }
    const credentials = streamCredentials(request);
    const raw = reply.raw;
    const origin = request.headers.origin;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
      ...(origin && { 'access-control-allow-origin': origin, vary: 'Origin' }),
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);

    const guard = new SlowConsumerGuard({
      maxBufferedBytes: realtime.config.maxBufferedBytes,
      stallMs: realtime.config.heartbeatMs * 2,
    });
    let ended = false;
    /** Sends an SSE block; blocks sent in the same tick leave in one socket write. */
    const send = (block: string) => {
      if (ended) return;
      const admission = guard.admit(raw.writableLength);
      if (admission.action === 'disconnect') {
        realtime.connections.slowConsumerDisconnected();
        end();
        return;
      }
      if (admission.action === 'drop') {
        realtime.connections.dropped();
        return;
      }
      if (admission.dropped > 0) {
        const notice = { count: admission.dropped, timestamp: deps.now().toISOString() };
        corked(sseBlock('messages_dropped', notice));
        realtime.connections.sent();
      }
      corked(block);
      realtime.connections.sent();
    };
    const corked = (block: string) => {
      if (!raw.writableCorked) {
        raw.cork();
        process.nextTick(() => raw.uncork());
      }
      raw.write(block);
    };
    const write = (name: string, data: unknown) => send(sseBlock(name, data));

    const feed = realtime.openFeed({
      filter: { userId: principal.userId },
      lastEventId: resume.id,
      onEvent(event) {
        send(eventBlock(event));
        overviews.changed(principal.userId);
      },
    });
    const stopOverviews = overviews.subscribe(principal, (overview) =>
      send(overviewBlock(overview)),
    );
    /** Tells the client why the stream ends (or what went wrong), then ends it when `fatal`. */
    const fail = (code: string, message: string, fatal: boolean) => {
      write('error', { code, message, timestamp: deps.now().toISOString() });
      if (fatal) end();
    };
    let counter = 0;
    const heartbeat = setInterval(() => {
      counter++;
      write('heartbeat', { timestamp: deps.now().toISOString(), counter });
      void realtime.credentials.check(deps, credentials).then((reason) => {
        if (reason !== undefined) fail('AUTH_INVALID', `Stream closed: ${reason}`, true);
      });
    }, realtime.config.heartbeatMs);

    function end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      stopOverviews();
      feed.close();
      release();
      open.delete(end);
      raw.end();
    }
    raw.on('close', end);
    raw.on('error', end);
    open.add(end);
    if (resume.invalid) {
      fail(
        'VALIDATION_ERROR',
        'Last-Event-ID is not an event id (a decimal number of at most 2^63 - 1): nothing was replayed; live events follow',
        false,
      );
    }
    await feed.ready.catch((error: unknown) => {
      request.log.warn({ err: error }, 'SSE replay failed');
      fail('INTERNAL_ERROR', `Replay failed; reconnect to try again (request ${request.id})`, true);
    });
    return reply;
  });
}
