import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { ServerDeps } from '../server-deps.ts';

/** What every procedure can see: the process-wide dependencies and this request's identity. */
export type Context = ServerDeps & {
  requestId: string;
};

/** Builds the tRPC context for one HTTP request or one WebSocket connection. */
export function contextFactory(deps: ServerDeps) {
  return ({ req }: CreateFastifyContextOptions): Context => ({ ...deps, requestId: req.id });
}
