import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type EnterpriseRoute, isMutating } from './enterprise-route.ts';
import {
  type ErrorResponse,
  type InputLocation,
  InputValidationError,
  toErrorResponse,
} from './error-response.ts';
import {
  IDEMPOTENCY_TTL_MS,
  type IdempotencyStore,
  type IdempotentOutcome,
  idempotencyKeyOf,
  isReplayable,
  requestFingerprint,
} from './idempotency.ts';
import { acceptEmptyJsonBodies } from './json-body-parser.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

export type EnterpriseRestOptions<C, A extends { scope: string } = { scope: string }> = {
  routes: readonly EnterpriseRoute<C>[];
  /**
   * Authenticates the request and checks it may use this surface (the Enterprise plan);
   * throws a `DomainError` otherwise. `scope` names whose idempotency keys apply.
   */
  authorize(request: FastifyRequest, reply: FastifyReply): Promise<A>;
  /**
   * A tRPC server-side caller with this request's context (credentials, request id) and what
   * `authorize` found, so the request is authenticated once.
   */
  createCaller(request: FastifyRequest, reply: FastifyReply, authorized: A): C;
  idempotency: IdempotencyStore;
  /** Where the plugin is mounted, for the OpenAPI document's server URL. */
  basePath: string;
  /** The API version the document states. */
  version: string;
  now?: () => Date;
};

function parseInput(location: InputLocation, schema: z.ZodType | undefined, value: unknown) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new InputValidationError(location, result.error.issues);
  return result.data;
}

function send(reply: FastifyReply, outcome: IdempotentOutcome) {
  return reply.code(outcome.statusCode).type('application/json; charset=utf-8').send(outcome.body);
}

/** Serialized here, once, so a replay sends exactly the bytes the first answer sent. */
function outcome(statusCode: number, body: unknown): IdempotentOutcome {
  return { statusCode, body: JSON.stringify(body) };
}

/**
 * The enterprise REST API as a Fastify plugin (register it with a `prefix`): each route of the
 * table authorizes, validates its path/query/body, calls its tRPC procedure and answers in
 * seed 000's envelope. Mutating routes honour `Idempotency-Key`. Every failure, including
 * unknown routes and unparseable bodies, answers in the error envelope.
 */
export async function enterpriseRestPlugin<C, A extends { scope: string } = { scope: string }>(
  app: FastifyInstance,
  options: EnterpriseRestOptions<C, A>,
): Promise<void> {
  const now = options.now ?? (() => new Date());

  const fail = (request: FastifyRequest, error: unknown): ErrorResponse => {
    const response = toErrorResponse(error, request.id);
    if (response.status >= 500) request.log.error({ err: error }, 'enterprise REST call failed');
    return response;
  };
  // JSON only: a text/plain body is a 415 here, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  acceptEmptyJsonBodies(app);
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = fail(request, error);
    return send(reply, outcome(status, body));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    return send(
      reply,
      outcome(404, {
        success: false,
        error: `Unknown route: ${request.method} ${path}`,
        request_id: request.id,
      }),
    );
  });

  const document = buildOpenApiDocument(options.routes, {
    basePath: options.basePath,
    version: options.version,
  });
  app.get('/openapi.json', async () => document);

  // Never throws: a failure becomes its error response, so idempotency can store it too.
  async function run(
    route: EnterpriseRoute<C>,
    request: FastifyRequest,
    reply: FastifyReply,
    authorized: A,
  ): Promise<IdempotentOutcome> {
    try {
      const input = {
        params: parseInput('path', route.params, request.params),
        query: parseInput('query', route.query, request.query),
        body: parseInput('body', route.body, request.body),
      };
      const caller = options.createCaller(request, reply, authorized);
      return outcome(route.status, await route.handle(caller, input));
    } catch (error) {
      const { status, body } = fail(request, error);
      return outcome(status, body);
    }
  }

  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => {
        const authorized = await options.authorize(request, reply);
        const { scope } = authorized;
        const key = isMutating(route.method)
          ? idempotencyKeyOf(request.headers['idempotency-key'])
          : undefined;
        if (key === undefined) return send(reply, await run(route, request, reply, authorized));

        const fingerprint = requestFingerprint(request.method, request.url, request.body);
        const stored = await options.idempotency.claim({
          scope,
          key,
          fingerprint,
          expiresAt: new Date(now().getTime() + IDEMPOTENCY_TTL_MS),
        });
        if (stored) return replay(request, reply, key, fingerprint, stored);

        const answer = await run(route, request, reply, authorized);
        if (isReplayable(answer.statusCode)) {
          await options.idempotency.complete(scope, key, answer);
        } else {
          await options.idempotency.release(scope, key);
        }
        return send(reply, answer);
      },
    });
  }
}

function replay(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  fingerprint: string,
  stored: { fingerprint: string; outcome: IdempotentOutcome | null },
) {
  const refuse = (statusCode: number, error: string) =>
    send(reply, outcome(statusCode, { success: false, error, request_id: request.id }));
  if (stored.fingerprint !== fingerprint) {
    return refuse(
      422,
      `Idempotency-Key "${key}" was already used with a different request; send a new key for a new request`,
    );
  }
  if (!stored.outcome) {
    return refuse(
      409,
      `A request with Idempotency-Key "${key}" is still in progress; retry after it finishes`,
    );
  }
  reply.header('idempotent-replayed', 'true');
  return send(reply, stored.outcome);
}
