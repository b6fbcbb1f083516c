import {
  type EnterpriseActiveBot,
  type EnterpriseBot,
  type EnterpriseBotCreateInput,
  type EnterpriseBotDetail,
  type EnterpriseListQuery,
  type EnterprisePerformanceRecord,
  type EnterpriseStartedBot,
  type EnterpriseStats,
  ZEnterpriseActiveBotResponse,
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterpriseError,
  ZEnterpriseMessageResponse,
  ZEnterprisePerformanceResponse,
  ZEnterpriseStartedBotResponse,
  ZEnterpriseStatsResponse,
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
    method: 'GET' | 'POST',
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

  const limitQuery = (query?: EnterpriseListQuery) =>
    query?.limit === undefined ? '' : `?limit=${encodeURIComponent(String(query.limit))}`;
  const botPath = (botId: number) => `/bots/${encodeURIComponent(String(botId))}`;

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
  };
}
