/**
 * The OpenAPI 3.1 document validates against the OpenAPI schema, and every operation in it
 * answers a real server as documented: the documented success status and body schema, and
 * the documented error schema when called without a key. `/docs` renders it from local assets.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  ZEnterpriseStartedBotResponse,
  ZEnterpriseWebhookDeliveryResponse,
  ZEnterpriseWebhookResponse,
} from '@tradewind/core';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE_BASE,
  type EnterpriseAccount,
  type EnterpriseHarness,
  type RestAnswer,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';
import { seedExample } from './support/seed-000.ts';

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
};
type OpenApiDocument = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let harness: EnterpriseHarness;
let account: EnterpriseAccount;
let document: OpenApiDocument;
let receiver: WebhookReceiver;

beforeAll(async () => {
  harness = await startEnterpriseServer();
  receiver = await startWebhookReceiver();
  account = await harness.account('openapi', { scopes: ['CONTROL', 'webhooks:manage'] });
  const answer = await fetch(`${harness.server.url}${ENTERPRISE_BASE}/openapi.json`);
  expect(answer.status).toBe(200);
  document = (await answer.json()) as OpenApiDocument;
});
afterAll(async () => {
  await receiver?.close();
  await harness?.close();
});

/** Validates a body against a schema of the document (its `#/components/schemas/…` refs included). */
function validatorFor(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  // The document's refs point into components; here they resolve within one schema's $defs.
  const rewrite = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/'));
  return ajv.compile({ ...rewrite(schema), $defs: rewrite(document.components.schemas) });
}

function expectDocumented(operation: Operation, answer: RestAnswer, label: string) {
  const documented = operation.responses[String(answer.status)];
  expect(
    documented,
    `${label}: status ${answer.status} is not documented (${answer.text})`,
  ).toBeDefined();
  const schema = documented?.content?.['application/json'].schema;
  expect(schema, `${label}: no JSON schema for ${answer.status}`).toBeDefined();
  const validate = validatorFor(schema);
  expect(
    validate(answer.body),
    `${label}: ${JSON.stringify(validate.errors)} in ${answer.text}`,
  ).toBe(true);
}

/**
 * The order to call the operations in (a bot is started before it is read and stopped; a
 * webhook is created before it is used and deleted), and the body each one sends.
 */
const PLAN = [
  'startBot',
  'getActiveBot',
  'listBots',
  'getBot',
  'stopBot',
  'listPerformance',
  'getStats',
  'createWebhook',
  'listWebhooks',
  'getWebhook',
  'updateWebhook',
  'testWebhook',
  'listWebhookDeliveries',
  'getWebhookDelivery',
  'redeliverWebhook',
  'deleteWebhook',
] as const;

function requestBody(operationId: string): unknown {
  switch (operationId) {
    case 'startBot':
      return {
        ...(seedExample('Start Bot', 'Request Body') as object),
        scheduledEndTime: undefined,
      };
    case 'createWebhook':
      return { url: receiver.url, events: ['bot.started'], secret: 'sixteen-chars-secret' };
    case 'updateWebhook':
      return { events: ['bot.started', 'bot.finished'] };
    case 'testWebhook':
      return { eventType: 'bot.finished' };
    default:
      return undefined;
  }
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents exactly the enterprise routes', () => {
    const operations = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect([...operations].sort()).toEqual([...PLAN].sort());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/bots',
      '/bots/active',
      '/bots/{botId}',
      '/bots/{botId}/stop',
      '/performance',
      '/stats',
      '/webhooks',
      '/webhooks/deliveries/{deliveryId}',
      '/webhooks/deliveries/{deliveryId}/redeliver',
      '/webhooks/{webhookId}',
      '/webhooks/{webhookId}/deliveries',
      '/webhooks/{webhookId}/test',
    ]);
    expect(document.servers).toEqual([{ url: ENTERPRISE_BASE }]);
  });

  it('every operation answers a real server as documented', async () => {
    const byId = new Map<string, { method: string; path: string; operation: Operation }>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        byId.set(operation.operationId, { method: method.toUpperCase(), path, operation });
      }
    }
    const ids = { botId: '0', webhookId: '0', deliveryId: '0' };
    for (const operationId of PLAN) {
      const entry = byId.get(operationId);
      if (!entry) throw new Error(`${operationId} is not in the document`);
      const { method, operation } = entry;
      const path = entry.path.replace(
        /\{(botId|webhookId|deliveryId)\}/g,
        (_match, name: keyof typeof ids) => ids[name],
      );
      const request = requestBody(operationId);
      expect(request !== undefined, `${operationId}: request body`).toBe(
        Boolean(operation.requestBody),
      );

      // Without a key: the documented 401 with the documented error schema.
      const refused = await rest(harness.server, method, path, { body: request });
      expect(refused.status, operationId).toBe(401);
      expectDocumented(operation, refused, `${operationId} without a key`);

      const answer = await rest(harness.server, method, path, { key: account.key, body: request });
      const success = Object.keys(operation.responses).find((status) => status.startsWith('2'));
      expect(String(answer.status), `${operationId}: ${answer.text}`).toBe(success);
      expectDocumented(operation, answer, operationId);
      if (operationId === 'startBot') {
        ids.botId = String(ZEnterpriseStartedBotResponse.parse(answer.body).data.id);
      }
      if (operationId === 'createWebhook') {
        ids.webhookId = String(ZEnterpriseWebhookResponse.parse(answer.body).data.id);
      }
      if (operationId === 'testWebhook') {
        ids.deliveryId = ZEnterpriseWebhookDeliveryResponse.parse(answer.body).data.id;
      }
    }
  }, 60_000);

  it('documents the query, path and idempotency parameters the routes accept', () => {
    const list = document.paths['/bots']?.get;
    expect(list?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    ]);
    const stop = document.paths['/bots/{botId}/stop']?.post;
    expect(stop?.parameters?.map((parameter) => [parameter.name, parameter.in])).toEqual([
      ['botId', 'path'],
      ['Idempotency-Key', 'header'],
    ]);
  });
});

describe('/docs', () => {
  it('serves an interactive reference that loads only local assets', async () => {
    const page = await fetch(`${harness.server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(`${ENTERPRISE_BASE}/openapi.json`);
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith('/docs/assets/'), asset).toBe(true);
      const response = await fetch(`${harness.server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect((await fetch(`${harness.server.url}/docs/assets/package.json`)).status).toBe(404);
  });
});
