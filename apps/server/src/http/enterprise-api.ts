import type { AuthenticatedPrincipal } from '@tradewind/core';
import {
  type EnterpriseCaller,
  enterpriseRestPlugin,
  enterpriseRoutes,
  registerApiReferencePage,
} from '@tradewind/rest';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.ts';
import type { ServerDeps } from '../server-deps.ts';
import { authorizeEnterpriseCaller } from '../services/api-keys/enterprise-access.ts';
import { idempotencyKeyStore } from '../services/idempotency/idempotency-keys.ts';
import { httpCallContextFactory } from '../trpc/context.ts';
import { createCallerFactory } from '../trpc/init.ts';

export const ENTERPRISE_API_PATH = '/api/enterprise';
/** Seed 000's API version; bump with a changelog entry when the REST surface changes. */
const ENTERPRISE_API_VERSION = '1.0.0';

/**
 * Seed 000's enterprise REST API at `/api/enterprise` (each route a tRPC procedure called
 * through a server-side caller with this request's context) and its API reference at `/docs`.
 * The request is authenticated once, by `authorize`; the procedure gets that principal.
 */
export async function registerEnterpriseApi(app: FastifyInstance, deps: ServerDeps) {
  const createContext = httpCallContextFactory(deps);
  const createCaller = createCallerFactory(appRouter);
  const contextOf = (req: FastifyRequest, res: FastifyReply) => ({
    ...createContext(req, res),
    surface: 'enterprise' as const,
  });

  type Authorized = { scope: string; principal: AuthenticatedPrincipal };
  await app.register(enterpriseRestPlugin<EnterpriseCaller, Authorized>, {
    prefix: ENTERPRISE_API_PATH,
    basePath: ENTERPRISE_API_PATH,
    version: ENTERPRISE_API_VERSION,
    routes: enterpriseRoutes,
    authorize: (request, reply) =>
      authorizeEnterpriseCaller(deps, contextOf(request, reply).credentials),
    createCaller: (request, reply, { principal }): EnterpriseCaller =>
      createCaller({ ...contextOf(request, reply), authenticated: principal }),
    idempotency: idempotencyKeyStore(deps),
  });
  await registerApiReferencePage(app, {
    pagePath: '/docs',
    openApiUrl: `${ENTERPRISE_API_PATH}/openapi.json`,
  });
}
