/** A real server with Enterprise-plan accounts and API keys, and raw REST calls against it. */
import type { AuthTokens } from '@tradewind/core';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { clientsFor } from '../../support/clients.ts';

export const ENTERPRISE_BASE = '/api/enterprise';

export type EnterpriseAccount = {
  tokens: AuthTokens;
  /** An API key with the CONTROL level (read and control bots). */
  key: string;
  apiKeyId: string;
};

export type EnterpriseHarness = {
  server: RunningServer;
  /** Registers `<name>@example.com`, sets its plan through the admin API and creates a key. */
  account(
    name: string,
    options?: {
      plan?: 'free' | 'pro' | 'enterprise';
      role?: 'admin' | 'trader';
      /** Left out: `['CONTROL']`; `null`: none sent, the server's default. */
      scopes?: string[] | null;
      rateLimitPerHour?: number;
    },
  ): Promise<EnterpriseAccount>;
  /** Revokes an account's key through the SDK, as its owner would. */
  revoke(account: EnterpriseAccount): Promise<void>;
  close(): Promise<void>;
};

/** Starts a server (fast simulated bars so bots trade within seconds) and an admin. */
export async function startEnterpriseServer(): Promise<EnterpriseHarness> {
  const server = await startTestServer({
    adminEmail: 'root@example.com',
    simulatorBarMs: 10,
    // Webhook receivers in these tests listen on loopback.
    webhookAllowPrivateUrls: true,
  });
  const clients = clientsFor(server);
  const root = await clients.register('root@example.com', 'Root');
  const admin = clients.withToken(root.accessToken);
  return {
    server,
    async account(
      name,
      { plan = 'enterprise', role, scopes = ['CONTROL'], rateLimitPerHour } = {},
    ) {
      const tokens = await clients.register(`${name}@example.com`, name);
      await admin.admin.users.update.mutate({
        userId: tokens.user.id,
        plan,
        ...(role && { role }),
      });
      const created = await clients.withToken(tokens.accessToken).apiKeys.create.mutate({
        name: `${name} enterprise`,
        ...(scopes !== null && { scopes: scopes as never }),
        ...(rateLimitPerHour !== undefined && { rateLimitPerHour }),
      });
      return { tokens, key: created.key, apiKeyId: created.id };
    },
    async revoke(account) {
      await clients
        .withToken(account.tokens.accessToken)
        .apiKeys.revoke.mutate({ id: account.apiKeyId });
    },
    close: () => server.close(),
  };
}

export type RestAnswer = {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: unknown;
  text: string;
};

/**
 * One HTTP call under `/api/enterprise`. `key` goes in `X-API-Key` unless `headers` say
 * otherwise; `body` is sent as JSON unless `rawBody` is given.
 */
export async function rest(
  server: RunningServer,
  method: string,
  path: string,
  options: {
    key?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RestAnswer> {
  const headers: Record<string, string> = {
    ...(options.key && { 'x-api-key': options.key }),
    ...(options.body !== undefined && { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const response = await fetch(`${server.url}${ENTERPRISE_BASE}${path}`, {
    method,
    headers,
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
