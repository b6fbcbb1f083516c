export { registerApiReferencePage } from './api-reference-page.ts';
export { botRoutes } from './bot-routes.ts';
export type { EnterpriseBotsCaller, EnterpriseCaller } from './enterprise-caller.ts';
export {
  toEnterpriseActiveBot,
  toEnterpriseBot,
  toEnterpriseBotDetail,
  toEnterprisePerformanceRecord,
  toEnterpriseStartedBot,
  toEnterpriseStats,
  toEnterpriseTrade,
} from './enterprise-mappings.ts';
export { type EnterpriseRestOptions, enterpriseRestPlugin } from './enterprise-rest-plugin.ts';
export {
  defineRoute,
  type EnterpriseRoute,
  type HttpMethod,
  type RouteDefinition,
  type RouteInput,
} from './enterprise-route.ts';
export { enterpriseRoutes } from './enterprise-routes.ts';
export { type ErrorResponse, InputValidationError, toErrorResponse } from './error-response.ts';
export {
  canonicalJson,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyStore,
  type IdempotentOutcome,
  requestFingerprint,
  type StoredIdempotencyKey,
} from './idempotency.ts';
export { buildOpenApiDocument, openApiPath } from './openapi-document.ts';
export {
  toEnterpriseWebhook,
  toEnterpriseWebhookDelivery,
  toEnterpriseWebhookDeliveryDetail,
} from './webhook-mappings.ts';
export { type EnterpriseWebhooksCaller, webhookRoutes } from './webhook-routes.ts';
