import {
  type AuthenticatedPrincipal,
  DomainError,
  hasPermission,
  type RealtimeStats,
  type WebsocketStatsResponse,
} from '@tradewind/core';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import { seed004RateLimitBody } from '../rate-limit/rate-limit-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import { registerRealtimeMetrics } from './realtime-metrics.ts';
import { registerSseRoute } from './sse-route.ts';
import { statsViewer } from './stats-viewer.ts';
import { registerStrategyGateway } from './strategy-gateway.ts';
import { authenticateStream, refuse } from './stream-auth.ts';
import { registerWebSocketGateway } from './ws-gateway.ts';

/** Seed 004's `/websocket/stats` body from the camelCase stats. */
export function toWebsocketStatsResponse(stats: RealtimeStats): WebsocketStatsResponse {
  return {
    total_connections: stats.totalConnections,
    active_sessions: stats.activeSessions,
    subscription_stats: stats.subscriptionStats,
    messages_sent_today: stats.messagesSentToday,
    uptime_hours: stats.uptimeHours,
  };
}

/**
 * Mounts the raw realtime doors next to tRPC's: the JSON WebSocket gateway (`/api/ws`,
 * `/ws/{id}`, seed 002's `/ws/strategies/{id}/signals|performance`, ...), SSE (`/api/realtime/events`), `GET /websocket/stats` and the Prometheus
 * realtime metrics. Needs `@fastify/websocket` registered first.
 */
export function registerRealtime(app: FastifyInstance, deps: ServerDeps, metrics: Registry): void {
  registerWebSocketGateway(app, deps);
  registerStrategyGateway(app, deps);
  registerSseRoute(app, deps);
  registerRealtimeMetrics(metrics, deps.realtime.connections);
  app.get('/websocket/stats', async (request, reply) => {
    let principal: AuthenticatedPrincipal;
    try {
      principal = await authenticateStream(deps, request);
      await enforceRateLimit(
        {
          ...deps,
          meta: { requestId: request.id, ipAddress: request.ip, userAgent: undefined },
          setHeader: (name, value) => void reply.header(name, value),
        },
        principal,
        'system',
      );
      if (!hasPermission(principal, 'system:read')) {
        throw new DomainError('PERMISSION_DENIED', 'Permission denied: needs system:read');
      }
    } catch (error) {
      const limited = seed004RateLimitBody(error);
      return limited ? reply.code(429).send(limited) : refuse(reply, error);
    }
    return toWebsocketStatsResponse(
      deps.realtime.connections.stats(deps.now().getTime(), statsViewer(principal)),
    );
  });
}
