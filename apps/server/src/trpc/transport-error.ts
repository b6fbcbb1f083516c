import { ERROR_CODE_TABLE, isDomainError } from '@tradewind/core';
import { TRPCError } from '@trpc/server';

/**
 * The one mapping from what a procedure or a subscription's stream threw to what a client sees:
 * a domain error becomes the tRPC code of the error table with its own message; tRPC's own
 * client errors (bad input, ...) pass unchanged; anything else is a 500 whose message hides
 * internals (Prisma text, paths, SQL), the details kept in `cause` for the log.
 */
export function toTransportError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && isDomainError(error.cause) ? error.cause : error;
  if (isDomainError(cause)) {
    return new TRPCError({
      code: ERROR_CODE_TABLE[cause.code].transport,
      message: cause.message,
      cause,
    });
  }
  if (cause instanceof TRPCError && cause.code !== 'INTERNAL_SERVER_ERROR') return cause;
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal error',
    cause: cause instanceof TRPCError ? (cause.cause ?? cause) : cause,
  });
}
