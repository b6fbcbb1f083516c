import { describe, expect, it } from 'vitest';
import { enterpriseRoutes } from './enterprise-routes.ts';
import { buildOpenApiDocument, openApiPath } from './openapi-document.ts';

const document = buildOpenApiDocument(enterpriseRoutes, {
  basePath: '/api/enterprise',
  version: '1.0.0',
}) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe('buildOpenApiDocument', () => {
  it('writes path parameters the OpenAPI way', () => {
    expect(openApiPath('/bots/:botId/stop')).toBe('/bots/{botId}/stop');
  });

  it('has one operation per route, each with its success and error responses', () => {
    for (const route of enterpriseRoutes) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const statuses = Object.keys(operation?.responses ?? {});
      expect(statuses).toContain(String(route.status));
      for (const status of [...route.errors, 401, 403, 429, 500]) {
        expect(statuses, `${route.operationId}`).toContain(String(status));
      }
    }
  });

  it('resolves every $ref to a component', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, name] of refs)
      expect(document.components.schemas, name).toHaveProperty(name as string);
  });
});
