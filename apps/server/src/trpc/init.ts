/**
 * The tRPC setup in one place:
 * 1. the instance (superjson, SSE options, error formatter);
 * 2. the domain-error middleware;
 * 3. the base procedures routers build on.
 */
import { ERROR_CODE_TABLE, isDomainError } from '@tradewind/core';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Context } from './context.ts';

// 1. The instance. Every error carries the request id, the domain code and, for bad input,
// the zod issues flattened per field, so a caller sees which field was wrong.
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 20_000 },
  },
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const isValidation = cause instanceof ZodError;
    const domainCode = isDomainError(cause)
      ? cause.code
      : isValidation
        ? 'VALIDATION_ERROR'
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? 'INTERNAL_ERROR'
          : undefined;
    // Stack traces never leave the server; absent facts are left out rather than sent as null.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: isValidation ? z.prettifyError(cause) : shape.message,
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

// 2. Domain errors become the tRPC code of the one mapping table; anything unexpected stays a
// 500 whose message hides internals (the log keeps the details under the request id).
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) {
      throw new TRPCError({
        code: ERROR_CODE_TABLE[cause.code].transport,
        message: cause.message,
        cause,
      });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error', cause });
    }
  }
  return result;
});

// 3. Base procedures.
export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Reachable without credentials. */
export const publicProcedure = t.procedure.use(domainErrors);
