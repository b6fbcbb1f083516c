export type {
  DomainEventType,
  EnterpriseActiveBot,
  EnterpriseBot,
  EnterpriseBotCreateInput,
  EnterpriseBotDetail,
  EnterpriseDeliveryQuery,
  EnterpriseError,
  EnterpriseListQuery,
  EnterprisePerformanceRecord,
  EnterpriseStartedBot,
  EnterpriseStats,
  EnterpriseTrade,
  EnterpriseWebhook,
  EnterpriseWebhookAttempt,
  EnterpriseWebhookCreateInput,
  EnterpriseWebhookDelivery,
  EnterpriseWebhookDeliveryDetail,
  EnterpriseWebhookTestInput,
  EnterpriseWebhookUpdateInput,
  RealtimeEvent,
  WebhookEventType,
  WebhookPayload,
} from '@tradewind/core';
export {
  ALERT_KINDS,
  DOMAIN_EVENT_TYPES,
  type Execution,
  GROUP_HISTORY_INTERVALS,
  type GroupSummary,
  nestSettings,
  ORDER_SIDES,
  SETTING_KEYS,
  SYSTEM_COMMANDS,
  TRADE_ORDER_TYPES,
  TRANSFER_STATUSES,
  WEBHOOK_EVENT_TYPES,
} from '@tradewind/core';
export { isTRPCClientError as isTradewindClientError } from '@trpc/client';
export {
  createTokenSession,
  type SessionTokens,
  sessionTokensFrom,
  type TokenSession,
  type TokenSessionOptions,
} from './create-token-session.ts';
export {
  createTradewindClient,
  type HeadersHook,
  type TradewindClient,
  type TradewindClientOptions,
  type TradewindInputs,
  type TradewindOutputs,
} from './create-tradewind-client.ts';
export * from './enums.ts';
export {
  createEnterpriseRestClient,
  type EnterpriseMutationOptions,
  type EnterpriseRestClient,
  type EnterpriseRestClientOptions,
} from './rest/create-enterprise-rest-client.ts';
export { EnterpriseApiError, isEnterpriseApiError } from './rest/enterprise-api-error.ts';
export {
  isWithinReplayWindow,
  type RawBody,
  verifyWebhook,
  verifyWebhookSignature,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks/verify-webhook.ts';
