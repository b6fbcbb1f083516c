import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps.ts';
import { getHealth } from '../services/system-status.ts';

/**
 * `/health` says whether this process works (503 when its database is unreachable);
 * `/ready` says whether it should get traffic (not while starting up or shutting down).
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/health', { logLevel: 'warn' }, async (_request, reply) => {
    const health = await getHealth(deps);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });

  app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
    if (deps.shutdownSignal.aborted) {
      return reply.code(503).send({ ready: false, reason: 'shutting down' });
    }
    if (!(await deps.db.ping())) {
      return reply.code(503).send({ ready: false, reason: 'database unreachable' });
    }
    return { ready: true };
  });
}
