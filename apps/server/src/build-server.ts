import websocket from '@fastify/websocket';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAssistantRoutes } from './http/assistant-routes.ts';
import { registerEnterpriseApi } from './http/enterprise-api.ts';
import { registerHealthRoutes } from './http/health-routes.ts';
import { registerMetrics } from './http/metrics.ts';
import { requestIdFor } from './http/request-id.ts';
import { tradingViewRoutes } from './http/tradingview-routes.ts';
import { registerWebApp } from './http/web-app.ts';
import { loggerOptions } from './logging/logger-options.ts';
import { logRedaction } from './logging/redaction.ts';
import { registerRealtime } from './realtime/register-realtime.ts';
import { type AppRouter, appRouter } from './routers/root.ts';
import type { ServerDeps } from './server-deps.ts';
import { contextFactory } from './trpc/context.ts';

/** Bodies larger than this are refused with 413 before any parsing. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The Fastify host: request ids, health and metrics routes, and tRPC over HTTP batching,
 * WebSocket and SSE at `/trpc`. Pure composition; it does not listen.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { ...loggerOptions(deps.config), ...logRedaction },
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    // tRPC's batch paths (`system.ping,system.status`) can be long.
    routerOptions: { maxParamLength: 5_000 },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const metrics = registerMetrics(app, new Set(Object.keys(appRouter._def.procedures)));
  registerHealthRoutes(app, deps);

  await app.register(websocket, { options: { maxPayload: BODY_LIMIT_BYTES } });
  registerRealtime(app, deps, metrics);
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    useWSS: true,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(deps),
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  // Its own scope: the webhook reads bodies as text, whatever their content type.
  await app.register(async (scope) => tradingViewRoutes(scope, deps));
  await registerEnterpriseApi(app, deps);
  registerAssistantRoutes(app, deps);
  registerWebApp(app);
  return app;
}
