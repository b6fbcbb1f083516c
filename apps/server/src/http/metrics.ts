import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The label of every tRPC path that names no procedure, so callers cannot mint new series. */
export const UNKNOWN_PROCEDURE = 'unknown';

/**
 * Prometheus metrics for one server instance. A registry per instance (not prom-client's global
 * one) so several servers in one process, as in tests and benchmarks, do not collide.
 * `procedurePaths` are the router's procedures: only they become `path` labels.
 */
export function registerMetrics(
  app: FastifyInstance,
  procedurePaths: ReadonlySet<string>,
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tradewind_' });

  const duration = new Histogram({
    name: 'tradewind_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const trpcCalls = new Counter({
    name: 'tradewind_trpc_calls_total',
    help: 'tRPC procedure calls over HTTP, by procedure path and outcome',
    labelNames: ['path', 'outcome'] as const,
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    duration
      .labels(request.method, route, String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
    if (route.startsWith('/trpc/')) {
      const outcome = reply.statusCode < 400 ? 'ok' : 'error';
      for (const path of String((request.params as { path?: string }).path ?? '').split(',')) {
        if (path) {
          trpcCalls.labels(procedurePaths.has(path) ? path : UNKNOWN_PROCEDURE, outcome).inc();
        }
      }
    }
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
