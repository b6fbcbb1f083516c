/**
 * The enterprise REST operations, read from the served OpenAPI document: each path and method
 * with its path parameters, query and body as JSON schemas, and how a fuzzed input becomes a
 * request (arrays in the query become repeated parameters).
 */
import type { JsonSchema } from './arbitraries.ts';
import type { Caller } from './doors.ts';

export const ENTERPRISE_BASE = '/api/enterprise';

export type RestOperation = {
  method: string;
  /** OpenAPI syntax, relative to ENTERPRISE_BASE: `/bots/{botId}`. */
  path: string;
  params: JsonSchema | undefined;
  query: JsonSchema | undefined;
  body: JsonSchema | undefined;
};

type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

function objectOf(parameters: Parameter[]): JsonSchema | undefined {
  if (parameters.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

export type OpenApiDocument = { paths: Record<string, Record<string, unknown>> };

/** The OpenAPI document a running server serves. */
export async function servedOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}${ENTERPRISE_BASE}/openapi.json`);
  return (await response.json()) as OpenApiDocument;
}

export function restOperations(document: OpenApiDocument): RestOperation[] {
  const operations: RestOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path: path.startsWith(ENTERPRISE_BASE) ? path.slice(ENTERPRISE_BASE.length) : path,
        params: objectOf(parameters.filter((p) => p.in === 'path')),
        query: objectOf(parameters.filter((p) => p.in === 'query')),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A path segment; a lone surrogate (which encodeURIComponent refuses) goes as its WTF-8 bytes. */
function segment(value: string): string {
  return Array.from(value, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    }
    return encodeURIComponent(char);
  }).join('');
}

/** The URL and init of one fuzzed call: `{botId}` filled from `params`, `query` appended. */
export function restRequest(
  baseUrl: string,
  operation: RestOperation,
  input: { params: unknown; query: unknown; body: unknown },
  caller: Caller,
): [string, { method: string; headers: Record<string, string>; body?: string }] {
  // A hostile value in place of the parameters object fills every parameter.
  const params = input.params;
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    segment(
      params !== null && typeof params === 'object' && !Array.isArray(params)
        ? text((params as Record<string, unknown>)[name] ?? '1')
        : text(params),
    ),
  );
  const search = new URLSearchParams();
  if (input.query && typeof input.query === 'object' && !Array.isArray(input.query)) {
    for (const [name, value] of Object.entries(input.query)) {
      for (const one of Array.isArray(value) ? value : [value]) search.append(name, text(one));
    }
  }
  const query = search.size > 0 ? `?${search}` : '';
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  return [
    `${baseUrl}${ENTERPRISE_BASE}${path}${query}`,
    {
      method: operation.method,
      headers: {
        ...caller.headers,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body }),
    },
  ];
}
