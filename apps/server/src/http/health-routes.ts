import type { FastifyInstance } from 'fastify';
import { DatabaseLiveness } from '../runtime/health/database-liveness.ts';
import type { ServerDeps } from '../server-deps.ts';
import { getHealth } from '../services/system-control/system-status.ts';

/**
 * `/health` says whether this process works (503 when its database is unreachable), from a
 * database probe on its own cadence, so it answers at once however busy the database is;
 * `/ready` says whether it should get traffic (not while starting up or shutting down) and asks
 * the database itself.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const liveness = new DatabaseLiveness(() => deps.db.ping());
  app.addHook('onClose', async () => liveness.stop());
  app.get('/health', { logLevel: 'warn' }, async (_request, reply) => {
    const health = getHealth(deps, await liveness.reading());
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
