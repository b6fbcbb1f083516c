/**
 * The whole enterprise REST route table. To add a resource: a `<resource>-routes.ts` with its
 * routes (one tRPC procedure each) and a `<resource>-mappings.ts`, listed here.
 */
import { botRoutes } from './bot-routes.ts';
import type { EnterpriseCaller } from './enterprise-caller.ts';
import type { EnterpriseRoute } from './enterprise-route.ts';
import { webhookRoutes } from './webhook-routes.ts';

export const enterpriseRoutes: readonly EnterpriseRoute<EnterpriseCaller>[] = [
  ...botRoutes,
  ...webhookRoutes,
];
