import { randomUUID } from 'node:crypto';
import type { AuthenticatedPrincipal, GatewayTopic, SystemNotification } from '@tradewind/core';
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { ServerDeps } from '../server-deps.ts';
import {
  CLOSE_GOING_AWAY,
  GatewayConnection,
  type GatewayConnectionDeps,
} from './gateway-connection.ts';
import { RenderedMessages } from './gateway-messages.ts';
import { CLOSE_SLOW } from './guarded-sender.ts';
import { admitStream, refuse, streamCredentials } from './stream-auth.ts';
import { SystemSampler } from './system-sampler.ts';

/** Seed 003's `/api/ws` pushes without being asked: these topics are on from the start. */
const PUSH_TOPICS: readonly GatewayTopic[] = ['bot_updates', 'trades', 'alerts'];

/** The gateway's paths and the topics each starts with (seeds 001-004). */
const ROUTES: { url: string; topics: readonly GatewayTopic[] }[] = [
  { url: '/api/ws', topics: PUSH_TOPICS },
  // Seeds 001 (`/ws/{user_id}`) and 004 (`/ws/{session_id}`): the client subscribes.
  { url: '/ws/:sessionId', topics: [] },
  // Seed 002's dedicated streams.
  { url: '/ws/strategies/alerts', topics: ['alerts'] },
  { url: '/ws/system/notifications', topics: ['system_status'] },
];

const principals = new WeakMap<FastifyRequest, AuthenticatedPrincipal>();

/**
 * The handshake check of every gateway route: Origin, credentials and the per-user stream cap,
 * answered with an HTTP status before any upgrade. The handler then finds the caller with
 * {@link principalOf}.
 */
export function admitGatewayHandshake(deps: ServerDeps): preValidationAsyncHookHandler {
  return async (request, reply) => {
    const principal = await admitStream(deps, request, reply);
    if (principal === undefined) return;
    try {
      deps.realtime.connections.assertCanOpen(principal.userId);
    } catch (error) {
      return refuse(reply, error);
    }
    principals.set(request, principal);
  };
}

/** The principal {@link admitGatewayHandshake} admitted for this request. */
export function principalOf(request: FastifyRequest): AuthenticatedPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('gateway route without admitGatewayHandshake');
  return principal;
}

/** A session id from the path if it is a plain token, else a generated one. */
function sessionIdOf(request: FastifyRequest): string {
  const given = (request.params as { sessionId?: string }).sessionId;
  return given && /^[\w.-]{1,64}$/.test(given) ? given : `ws-${randomUUID().slice(0, 8)}`;
}

/**
 * Samples the system status at most once a second per bot-count scope (each user's own, or
 * everyone's for admins), however many connections ask.
 */
function sharedSystemStatus(deps: ServerDeps): GatewayConnectionDeps['systemStatus'] {
  const sampler = new SystemSampler(deps);
  const latest = new Map<string, { at: number; value: Promise<SystemNotification> }>();
  return (scope) => {
    const now = Date.now();
    const key = scope.kind === 'all' ? '*' : scope.userId;
    const cached = latest.get(key);
    if (cached && now - cached.at < 1000) return cached.value;
    for (const [stale, entry] of latest) if (now - entry.at >= 1000) latest.delete(stale);
    const value = sampler.sample(scope);
    latest.set(key, { at: now, value });
    value.catch(() => latest.delete(key));
    return value;
  };
}

/**
 * The JSON WebSocket gateway for callers without tRPC: credentials and Origin are checked at
 * the handshake (refused with an HTTP status before any upgrade), then each socket becomes a
 * {@link GatewayConnection} fed by the realtime fan-out with its user's events only.
 */
export function registerWebSocketGateway(app: FastifyInstance, deps: ServerDeps): void {
  const { realtime } = deps;
  const open = new Set<GatewayConnection>();
  const connectionDeps: GatewayConnectionDeps = {
    db: deps.db,
    accessTokens: deps.accessTokens,
    credentialCache: deps.credentialCache,
    realtime,
    now: deps.now,
    rendered: new RenderedMessages(),
    systemStatus: sharedSystemStatus(deps),
  };
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const connection of open) connection.heartbeat(now);
  }, realtime.config.heartbeatMs);
  heartbeat.unref();
  deps.shutdownSignal.addEventListener('abort', () => {
    clearInterval(heartbeat);
    for (const connection of open) connection.close(CLOSE_GOING_AWAY, 'server shutting down');
  });

  for (const route of ROUTES) {
    app.get(
      route.url,
      {
        websocket: true,
        preValidation: admitGatewayHandshake(deps),
      },
      (socket, request) => {
        const principal = principalOf(request);
        const connection = new GatewayConnection(socket, connectionDeps, principal, {
          sessionId: sessionIdOf(request),
          topics: route.topics,
          credentials: streamCredentials(request),
        });
        let release: () => void;
        try {
          release = realtime.connections.open({
            transport: 'websocket',
            userId: principal.userId,
            sessionId: connection.sessionId,
            topics: () => connection.topics,
          });
        } catch {
          socket.close(CLOSE_SLOW, 'too many connections');
          return;
        }
        const stopEvents = realtime.fanout.add({
          userId: principal.userId,
          deliver: (event) => connection.deliver(event),
        });
        open.add(connection);
        socket.on('message', (data, isBinary) => {
          connection.receive(data as Buffer, isBinary).catch((error: unknown) => {
            request.log.warn({ err: error }, 'gateway message failed');
          });
        });
        socket.on('error', () => socket.terminate());
        socket.on('close', () => {
          open.delete(connection);
          connection.closed();
          stopEvents();
          release();
        });
        connection.start();
      },
    );
  }
}
