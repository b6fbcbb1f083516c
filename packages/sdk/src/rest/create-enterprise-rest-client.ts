import {
  type EnterpriseActiveBot,
  type EnterpriseBot,
  type EnterpriseBotCreateInput,
  type EnterpriseBotDetail,
  type EnterpriseDeliveryQuery,
  type EnterpriseListQuery,
  type EnterprisePerformanceRecord,
  type EnterpriseStartedBot,
  type EnterpriseStats,
  type EnterpriseWebhook,
  type EnterpriseWebhookCreateInput,
  type EnterpriseWebhookDelivery,
  type EnterpriseWebhookDeliveryDetail,
  type EnterpriseWebhookTestInput,
  type EnterpriseWebhookUpdateInput,
  ZEnterpriseActiveBotResponse,
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterpriseError,
  ZEnterpriseMessageResponse,
  ZEnterprisePerformanceResponse,
  ZEnterpriseStartedBotResponse,
  ZEnterpriseStatsResponse,
  ZEnterpriseWebhookDeliveryListResponse,
  ZEnterpriseWebhookDeliveryResponse,
  ZEnterpriseWebhookListResponse,
  ZEnterpriseWebhookResponse,
} from '@tradewind/core';
import type { z } from 'zod';
import { EnterpriseApiError } from './enterprise-api-error.ts';

export type EnterpriseRestClientOptions = {
  /** Server base URL, e.g. `http://localhost:8001`; the API lives under `/api/enterprise`. */
  url: string;
  /** An API key of an Enterprise-plan account (`twk_…`). */
  apiKey: string;
  /** How the key is sent: `X-API-Key` (default, as seed 000 recommends) or a bearer token. */
  auth?: 'x-api-key' | 'bearer';
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
};

/** Options of mutating calls. */
export type EnterpriseMutationOptions = {
  /** Retrying with the same key and input replays the first answer instead of acting twice. */
  idempotencyKey?: string;
};

export type EnterpriseRestClient = ReturnType<typeof createEnterpriseRestClient>;

/**
 * A typed client for seed 000's enterprise REST API, for callers who prefer REST to tRPC.
 * Every answer is checked against the same zod schemas the server documents; a failure throws
 * an {@link EnterpriseApiError} with the status, message and request id.
 */
export function createEnterpriseRestClient(options: EnterpriseRestClientOptions) {
  const base = `${options.url.replace(/\/+$/, '')}/api/enterprise`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const authHeader: Record<string, string> =
    options.auth === 'bearer'
      ? { authorization: `Bearer ${options.apiKey}` }
      : { 'x-api-key': options.apiKey };

  async function call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    init: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...authHeader };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey;
    const response = await fetchImpl(`${base}${path}`, {
      method,
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ZEnterpriseError.safeParse(json);
      throw error.success
        ? new EnterpriseApiError(response.status, error.data.error, error.data, requestId)
        : new EnterpriseApiError(
            response.status,
            `HTTP ${response.status} without an error envelope`,
            undefined,
            requestId,
          );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new EnterpriseApiError(
        response.status,
        `Unexpected response from ${method} ${path}: ${parsed.error.message}`,
        undefined,
        requestId,
      );
    }
    return parsed.data;
  }

  const queryString = (query: Record<string, string | number | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, String(value));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  const limitQuery = (query?: EnterpriseListQuery) => queryString({ limit: query?.limit });
  const botPath = (botId: number) => `/bots/${encodeURIComponent(String(botId))}`;
  const webhookPath = (webhookId: number) => `/webhooks/${encodeURIComponent(String(webhookId))}`;
  const deliveryPath = (deliveryId: string) =>
    `/webhooks/deliveries/${encodeURIComponent(deliveryId)}`;

  return {
    bots: {
      /** Your bots, newest first (`limit` default 50, at most 1000). */
      list: async (query?: EnterpriseListQuery): Promise<EnterpriseBot[]> =>
        (await call(ZEnterpriseBotListResponse, 'GET', `/bots${limitQuery(query)}`)).data,
      /** The running bot, or null when none is. */
      active: async (): Promise<EnterpriseActiveBot | null> => {
        try {
          return (await call(ZEnterpriseActiveBotResponse, 'GET', '/bots/active')).data;
        } catch (error) {
          if (error instanceof EnterpriseApiError && error.status === 404) return null;
          throw error;
        }
      },
      /** One bot with all its trades. */
      get: async (botId: number): Promise<EnterpriseBotDetail> =>
        (await call(ZEnterpriseBotDetailResponse, 'GET', botPath(botId))).data,
      /** Creates and starts a bot; refused (409, `activeBotId`) while another is active. */
      start: async (
        input: EnterpriseBotCreateInput,
        mutation: EnterpriseMutationOptions = {},
      ): Promise<EnterpriseStartedBot> =>
        (
          await call(ZEnterpriseStartedBotResponse, 'POST', '/bots', {
            body: input,
            idempotencyKey: mutation.idempotencyKey,
          })
        ).data,
      /** Stops a running bot; resolves with the server's message. */
      stop: async (botId: number, mutation: EnterpriseMutationOptions = {}): Promise<string> =>
        (
          await call(ZEnterpriseMessageResponse, 'POST', `${botPath(botId)}/stop`, {
            idempotencyKey: mutation.idempotencyKey,
          })
        ).message,
    },
    performance: {
      /** Performance records of finished bots, newest first. */
      list: async (query?: EnterpriseListQuery): Promise<EnterprisePerformanceRecord[]> =>
        (await call(ZEnterprisePerformanceResponse, 'GET', `/performance${limitQuery(query)}`))
          .data,
    },
    /** Aggregate statistics across all your bots. */
    stats: async (): Promise<EnterpriseStats> =>
      (await call(ZEnterpriseStatsResponse, 'GET', '/stats')).data,
    /** Outbound webhook subscriptions (needs a key with `webhooks:manage`) and their deliveries. */
    webhooks: {
      list: async (): Promise<EnterpriseWebhook[]> =>
        (await call(ZEnterpriseWebhookListResponse, 'GET', '/webhooks')).data,
      /** `url` must be HTTPS in production and may not resolve to a private address. */
      create: async (
        input: EnterpriseWebhookCreateInput,
        mutation: EnterpriseMutationOptions = {},
      ): Promise<EnterpriseWebhook> =>
        (
          await call(ZEnterpriseWebhookResponse, 'POST', '/webhooks', {
            body: input,
            idempotencyKey: mutation.idempotencyKey,
          })
        ).data,
      get: async (webhookId: number): Promise<EnterpriseWebhook> =>
        (await call(ZEnterpriseWebhookResponse, 'GET', webhookPath(webhookId))).data,
      /** Changes only the fields given; `{ active }` toggles, `{ secret: null }` stops signing. */
      update: async (
        webhookId: number,
        input: EnterpriseWebhookUpdateInput,
        mutation: EnterpriseMutationOptions = {},
      ): Promise<EnterpriseWebhook> =>
        (
          await call(ZEnterpriseWebhookResponse, 'PATCH', webhookPath(webhookId), {
            body: input,
            idempotencyKey: mutation.idempotencyKey,
          })
        ).data,
      delete: async (
        webhookId: number,
        mutation: EnterpriseMutationOptions = {},
      ): Promise<string> =>
        (
          await call(ZEnterpriseMessageResponse, 'DELETE', webhookPath(webhookId), {
            idempotencyKey: mutation.idempotencyKey,
          })
        ).message,
      /** Sends a sample event now and answers with the delivery and its attempt. */
      test: async (
        webhookId: number,
        input: EnterpriseWebhookTestInput = {},
      ): Promise<EnterpriseWebhookDeliveryDetail> =>
        (
          await call(ZEnterpriseWebhookDeliveryResponse, 'POST', `${webhookPath(webhookId)}/test`, {
            body: input,
          })
        ).data,
      deliveries: async (
        webhookId: number,
        query: EnterpriseDeliveryQuery = {},
      ): Promise<EnterpriseWebhookDelivery[]> =>
        (
          await call(
            ZEnterpriseWebhookDeliveryListResponse,
            'GET',
            `${webhookPath(webhookId)}/deliveries${queryString({ limit: query.limit, status: query.status })}`,
          )
        ).data,
      /** One delivery with every attempt (status, response code, duration, error). */
      delivery: async (deliveryId: string): Promise<EnterpriseWebhookDeliveryDetail> =>
        (await call(ZEnterpriseWebhookDeliveryResponse, 'GET', deliveryPath(deliveryId))).data,
      redeliver: async (deliveryId: string): Promise<EnterpriseWebhookDeliveryDetail> =>
        (
          await call(
            ZEnterpriseWebhookDeliveryResponse,
            'POST',
            `${deliveryPath(deliveryId)}/redeliver`,
          )
        ).data,
    },
  };
}
