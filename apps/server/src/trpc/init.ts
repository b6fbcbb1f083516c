/**
 * The tRPC setup in one place:
 * 1. the instance (superjson, SSE options, error formatter);
 * 2. middlewares: domain errors, authentication, rate limits, authorization;
 * 3. the base procedures routers build on.
 */
import {
  type AuthenticatedPrincipal,
  DomainError,
  describeJsonProblem,
  findJsonProblem,
  hasPermission,
  isDomainError,
  ownResourcesOnly,
  type Principal,
  REQUEST_JSON_LIMITS,
} from '@tradewind/core';
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import { guardedSubscription, isStream } from '../realtime/guarded-subscription.ts';
import { authenticate } from '../services/auth/authenticate.ts';
import type { Context } from './context.ts';
import type { ProcedureMeta } from './procedure-meta.ts';
import { toTransportError } from './transport-error.ts';

// 1. The instance. Every error carries the request id, the domain code and, for bad input,
// the zod issues flattened per field, so a caller sees which field was wrong.
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 20_000 },
    },
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const isValidation = cause instanceof ZodError;
      // superjson throws plain RangeError/TypeError on metadata it cannot apply; tRPC passes
      // that on as a 400 whose message ("Maximum call stack size exceeded") explains nothing.
      const isUndecodable =
        error.code === 'BAD_REQUEST' && (cause instanceof RangeError || cause instanceof TypeError);
      const domainCode = isDomainError(cause)
        ? cause.code
        : isValidation || isUndecodable
          ? 'VALIDATION_ERROR'
          : error.code === 'INTERNAL_SERVER_ERROR'
            ? 'INTERNAL_ERROR'
            : undefined;
      // Stack traces never leave the server; absent facts are left out rather than sent as null.
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: isValidation
          ? z.prettifyError(cause)
          : isUndecodable
            ? 'Malformed input: the request could not be decoded (expected superjson: {"json": ..., "meta"?: ...})'
            : shape.message,
        data: {
          ...data,
          ...(domainCode && { domainCode }),
          ...(isDomainError(cause) && cause.details && { details: cause.details }),
          ...(isValidation && { fieldErrors: z.flattenError(cause).fieldErrors }),
          ...(ctx && { requestId: ctx.requestId }),
        },
      };
    },
  });

// 2. Middlewares.

// Domain errors become the tRPC code of the one mapping table; anything unexpected stays a
// 500 whose message hides internals (the log keeps the details under the request id).
// Subscriptions' streams get the same mapping and end when their credentials are gone; their
// `shutdownSignal` also fires when the guard ends them, which is how a stream learns it is over.
const domainErrors = t.middleware(async ({ ctx, type, next }) => {
  const ended = type === 'subscription' ? new AbortController() : undefined;
  const result = await next({
    ctx: {
      shutdownSignal: ended
        ? AbortSignal.any([ctx.shutdownSignal, ended.signal])
        : ctx.shutdownSignal,
    },
  });
  if (!result.ok) {
    ended?.abort();
    const mapped = toTransportError(result.error);
    if (mapped !== result.error) throw mapped;
  } else if (ended && isStream(result.data)) {
    const guard = { deps: ctx, credentials: ctx.credentials, ended };
    return { ...result, data: guardedSubscription(result.data, guard) };
  }
  return result;
});

// Who is calling. Wrong credentials fail even on public procedures: a caller who sent a token
// wants to know it is bad, not to be served as anonymous. Procedures that need no identity
// (signing in) do not read credentials at all. On the enterprise surface a caller reaches its
// own resources only, admin or not. A surface that authenticated the request already (enterprise
// REST) hands its principal over, so a request is authenticated once.
const authentication = t.middleware(async ({ ctx, meta, next }) => {
  const principal: Principal =
    meta?.identity === 'ignored'
      ? { kind: 'anonymous' }
      : (ctx.authenticated ?? (await authenticate(ctx, ctx.credentials)));
  await enforceRateLimit(ctx, principal, meta?.rateLimit ?? 'read');
  return next({
    ctx: { principal: ctx.surface === 'enterprise' ? ownResourcesOnly(principal) : principal },
  });
});

// Every input, before its schema: no prototype keys, no string a text column cannot hold (NUL,
// unpaired surrogates), bounded depth and size, whatever the procedure's schema says.
const inputGuard = t.middleware(async ({ getRawInput, next }) => {
  const problem = findJsonProblem(await getRawInput(), REQUEST_JSON_LIMITS);
  if (problem) {
    const field = problem.path.join('.');
    throw new DomainError('VALIDATION_ERROR', `Invalid input: ${describeJsonProblem(problem)}`, {
      ...(field && { field }),
    });
  }
  return next();
});

const authorization = t.middleware(async ({ ctx, meta, next }) => {
  const { principal } = ctx as Context & { principal: Principal };
  if (principal.kind === 'anonymous') {
    throw new DomainError('AUTH_REQUIRED', 'Authentication required: sign in or send an API key');
  }
  if (!meta?.permission) {
    // A procedure that forgot to declare its permission is a bug, never an open door.
    throw new Error('protected procedure declares no permission');
  }
  if (!hasPermission(principal, meta.permission)) {
    throw new DomainError('PERMISSION_DENIED', `Permission denied: needs ${meta.permission}`, {
      permission: meta.permission,
    });
  }
  return next({ ctx: { principal: principal as AuthenticatedPrincipal } });
});

// 3. Base procedures.
export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Reachable without credentials (but bad credentials are still refused). */
export const publicProcedure = t.procedure.use(domainErrors).use(authentication).use(inputGuard);
/** Needs a signed-in user or an API key holding the procedure's declared permission. */
export const protectedProcedure = publicProcedure.use(authorization);
