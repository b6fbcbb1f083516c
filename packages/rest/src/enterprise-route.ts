import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

/** What a route's handler receives: the validated path parameters, query and body. */
export type RouteInput<P, Q, B> = { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> };

/**
 * One REST route: where it lives, what it takes and answers (zod schemas, which the OpenAPI
 * document is generated from), and which tRPC procedure it calls through the caller `C`.
 */
export type RouteDefinition<
  C,
  R extends Schema,
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> = {
  method: HttpMethod;
  /** Fastify syntax, relative to `/api/enterprise`: `/bots/:botId`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status and body. */
  status: 200 | 201;
  response: R;
  /** Component name of the response in the OpenAPI document. */
  responseName: string;
  /** Error statuses this route can answer besides the ones every route can (401, 403, 429, 500). */
  errors: readonly number[];
  handle(caller: C, input: RouteInput<P, Q, B>): Promise<z.input<R>>;
};

/** A route with its schema types erased, as the plugin and the OpenAPI generator see it. */
export type EnterpriseRoute<C> = Omit<
  RouteDefinition<C, Schema, Schema | undefined, Schema | undefined, Schema | undefined>,
  'handle'
> & {
  handle(caller: C, input: { params: unknown; query: unknown; body: unknown }): Promise<unknown>;
};

/** Declares a route with its handler typed by its schemas. */
export function defineRoute<
  C,
  R extends Schema,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(route: RouteDefinition<C, R, P, Q, B>): EnterpriseRoute<C> {
  return route as unknown as EnterpriseRoute<C>;
}

/** Routes that change something accept an `Idempotency-Key`. */
export function isMutating(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** Seed 000's success envelope around `data`. */
export function success<T>(data: T) {
  return { success: true as const, data };
}

/** Seed 000's success envelope for actions that answer with a message (stop, delete). */
export function successMessage(message: string) {
  return { success: true as const, message };
}
