/**
 * The OpenAPI 3.1 document of the enterprise API, generated from the route table and its zod
 * schemas with zod's own JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses).
 */
import {
  ZEnterpriseActiveBot,
  ZEnterpriseBot,
  ZEnterpriseBotDetail,
  ZEnterpriseError,
  ZEnterprisePerformanceRecord,
  ZEnterpriseStartedBot,
  ZEnterpriseStats,
  ZEnterpriseTrade,
} from '@tradewind/core';
import { z } from 'zod';
import { type EnterpriseRoute, isMutating } from './enterprise-route.ts';

type JsonSchema = Record<string, unknown>;

/** Errors any route can answer, on top of each route's own. */
const COMMON_ERRORS = [401, 403, 429, 500] as const;

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (path, query or body), named field by field',
  401: 'No API key, or an invalid, expired or revoked one',
  403: 'Not on the Enterprise plan, or the key lacks the permission',
  404: 'No such resource among yours',
  409: 'Conflicts with the current state (e.g. a bot is already active, or the same Idempotency-Key is still in progress)',
  413: 'Request body too large',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with a different request',
  429: 'Rate limit exceeded; see the X-RateLimit-* headers',
  500: 'Internal error; quote the request id',
};

const REQUEST_ID_HEADER = {
  'X-Request-Id': {
    description: 'The request id, also in error bodies as `request_id`; quote it to support',
    schema: { type: 'string' },
  },
};

/** Shared shapes get a component each, so the document reads like the seed. */
const SHARED_COMPONENTS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['Bot', ZEnterpriseBot],
  ['ActiveBot', ZEnterpriseActiveBot],
  ['BotDetail', ZEnterpriseBotDetail],
  ['StartedBot', ZEnterpriseStartedBot],
  ['Trade', ZEnterpriseTrade],
  ['PerformanceRecord', ZEnterprisePerformanceRecord],
  ['Stats', ZEnterpriseStats],
  ['Error', ZEnterpriseError],
];

// Components are embedded in the document, so they need neither their own dialect nor an id.
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function inputSchema(schema: z.ZodType): JsonSchema {
  return bare(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema);
}

function componentSchemas<C>(routes: readonly EnterpriseRoute<C>[]): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of SHARED_COMPONENTS) registry.add(schema, { id });
  for (const route of routes) {
    if (!registry.has(route.response)) registry.add(route.response, { id: route.responseName });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, bare(schema as JsonSchema)]),
  );
}

function parameters<C>(route: EnterpriseRoute<C>): JsonSchema[] {
  const result: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = inputSchema(schema) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      result.push({
        name,
        in: location,
        required: location === 'path' || (object.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  if (isMutating(route.method)) {
    result.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Retrying with the same key and body replays the first response (for 24 hours); the same key with another body is refused with 422.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  return result;
}

function errorResponses<C>(route: EnterpriseRoute<C>): Record<string, JsonSchema> {
  const statuses = [...new Set([...route.errors, ...COMMON_ERRORS])].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        headers: REQUEST_ID_HEADER,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
}

function operation<C>(route: EnterpriseRoute<C>): JsonSchema {
  const params = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(params.length > 0 && { parameters: params }),
    ...(route.body && {
      requestBody: {
        required: !route.body.safeParse(undefined).success,
        content: { 'application/json': { schema: inputSchema(route.body) } },
      },
    }),
    responses: {
      [String(route.status)]: {
        description: route.summary,
        headers: {
          ...REQUEST_ID_HEADER,
          ...(isMutating(route.method) && {
            'Idempotent-Replayed': {
              description:
                '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
              schema: { type: 'string', enum: ['true'] },
            },
          }),
        },
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${route.responseName}` },
          },
        },
      },
      ...errorResponses(route),
    },
  };
}

/** `/bots/:botId` as OpenAPI writes it: `/bots/{botId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The whole document for `routes`, served under `basePath`. */
export function buildOpenApiDocument<C>(
  routes: readonly EnterpriseRoute<C>[],
  options: { basePath: string; version: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tradewind Enterprise API',
      version: options.version,
      description:
        'Programmatic access to your trading bots. Responses are `{"success": true, "data": ...}`; errors are `{"success": false, "error": "...", "request_id": "..."}`. Requires an Enterprise plan and an API key sent as `X-API-Key` or `Authorization: Bearer`. No response contains personal data (email, username, user id).',
    },
    servers: [{ url: options.basePath }],
    security: [{ ApiKeyHeader: [] }, { BearerAuth: [] }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        BearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The API key as a bearer token',
        },
      },
      schemas: componentSchemas(routes),
    },
  };
}
