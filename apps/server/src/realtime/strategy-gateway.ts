import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '@tradewind/core';
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { WebSocket } from 'ws';
import type { ServerDeps } from '../server-deps.ts';
import { assertStrategyReadable } from '../services/strategies/strategy-access.ts';
import { strategyPerformance } from '../services/strategies/strategy-performance.ts';
import { CLOSE_POLICY } from './gateway-connection.ts';
import { CLOSE_SLOW, GuardedSender } from './guarded-sender.ts';
import { openStrategySignalStream } from './strategy-signal-stream.ts';
import { refuse, streamCredentials } from './stream-auth.ts';
import { admitGatewayHandshake, principalOf } from './ws-gateway.ts';

const RECENT_SIGNALS = 50;
const DEFAULT_FREQUENCY_SECONDS = 5;

function strategyIdOf(request: FastifyRequest): number {
  return Number((request.params as { strategyId: string }).strategyId);
}

/** After the gateway's own checks: a real strategy id the caller may read, else 400/404/403. */
function admitStrategy(deps: ServerDeps): preValidationAsyncHookHandler {
  return async (request, reply) => {
    const raw = (request.params as { strategyId: string }).strategyId;
    const frequency = (request.query as { frequency?: string }).frequency;
    try {
      if (!/^\d{1,9}$/.test(raw)) {
        throw new DomainError(
          'VALIDATION_ERROR',
          `strategyId: expected a strategy id, got "${raw}"`,
        );
      }
      if (frequency !== undefined && !/^([1-9]|[1-5]\d|60)$/.test(frequency)) {
        throw new DomainError('VALIDATION_ERROR', 'frequency: expected whole seconds from 1 to 60');
      }
      await assertStrategyReadable(deps, principalOf(request), Number(raw));
    } catch (error) {
      return refuse(reply, error);
    }
  };
}

/** Registers the socket as an open stream, pings it, and ends `stop` when it goes. */
function track(deps: ServerDeps, socket: WebSocket, request: FastifyRequest, label: string) {
  const principal = principalOf(request);
  const release = deps.realtime.connections.open({
    transport: 'websocket',
    userId: principal.userId,
    sessionId: `${label}-${request.id.slice(0, 8)}`,
  });
  const stop = new AbortController();
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const credentials = streamCredentials(request);
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
    void deps.realtime.credentials.check(deps, credentials).then((reason) => {
      if (reason === undefined) return;
      const message = `Connection closed: ${reason}`;
      const timestamp = deps.now().toISOString();
      socket.send(JSON.stringify({ type: 'error', code: 'auth_invalid', message, timestamp }));
      socket.close(CLOSE_POLICY, 'credentials no longer valid');
    });
  }, deps.realtime.config.heartbeatMs);
  const end = () => {
    clearInterval(heartbeat);
    stop.abort();
    release();
  };
  socket.on('close', end);
  socket.on('error', () => socket.terminate());
  deps.shutdownSignal.addEventListener('abort', () => socket.close(1001, 'server shutting down'), {
    signal: stop.signal,
  });
  const sender = new GuardedSender(socket, {
    connections: deps.realtime.connections,
    maxBufferedBytes: deps.realtime.config.maxBufferedBytes,
    stallMs: deps.realtime.config.heartbeatMs * 2,
    now: deps.now,
    cutOff: () => socket.close(CLOSE_SLOW, 'slow consumer'),
  });
  return {
    principal,
    signal: stop.signal,
    send: (message: unknown) => sender.send(JSON.stringify(message)),
  };
}

/**
 * Seed 002's strategy streams on the JSON gateway: `/ws/strategies/{id}/signals` (a
 * `recent_signals` message, then `new_signal` for each signal, the signal under `data`) and
 * `/ws/strategies/{id}/performance?frequency=1-60` (`performance_update` every `frequency`
 * seconds). Same credentials, Origin check and caps as the rest of the gateway; the strategy
 * must be readable by the caller (owner or shared).
 */
export function registerStrategyGateway(app: FastifyInstance, deps: ServerDeps): void {
  const preValidation = [admitGatewayHandshake(deps), admitStrategy(deps)];
  app.get(
    '/ws/strategies/:strategyId/signals',
    { websocket: true, preValidation },
    (socket, request) => {
      const { principal, signal, send } = track(deps, socket, request, 'signals');
      void (async () => {
        const stream = await openStrategySignalStream(
          deps,
          principal,
          { strategyId: strategyIdOf(request), history: RECENT_SIGNALS },
          signal,
          'websocket',
        );
        for await (const message of stream) {
          if (message.type === 'recent_signals')
            send({ type: 'recent_signals', data: message.signals });
          else send({ type: 'new_signal', data: message.signal });
        }
      })().catch((error: unknown) => {
        if (!signal.aborted) request.log.warn({ err: error }, 'strategy signal stream failed');
        socket.close(1011, 'stream failed');
      });
    },
  );
  app.get(
    '/ws/strategies/:strategyId/performance',
    { websocket: true, preValidation },
    (socket, request) => {
      const { principal, signal, send } = track(deps, socket, request, 'performance');
      const frequency = Number(
        (request.query as { frequency?: string }).frequency ?? DEFAULT_FREQUENCY_SECONDS,
      );
      void (async () => {
        while (!signal.aborted) {
          const performance = await strategyPerformance(deps, principal, {
            strategyId: strategyIdOf(request),
            period: 'all',
          });
          send({
            type: 'performance_update',
            data: performance,
            timestamp: deps.now().toISOString(),
          });
          await sleep(frequency * 1000, undefined, { signal }).catch(() => undefined);
        }
      })().catch((error: unknown) => {
        if (!signal.aborted) request.log.warn({ err: error }, 'strategy performance stream failed');
        socket.close(1011, 'stream failed');
      });
    },
  );
}
