import { ERROR_CODE_TABLE, isDomainError } from '@tradewind/core';
import { TRPCError } from '@trpc/server';

/**
 * A subscription's stream whose DomainErrors keep their code. tRPC's middlewares only see the
 * resolver, so an error thrown while the stream runs would otherwise reach the client as a 500
 * (which SSE clients retry forever) instead of, say, a 502 PROVIDER_ERROR.
 */
export async function* withDomainErrors<T>(stream: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new TRPCError({
      code: ERROR_CODE_TABLE[error.code].transport,
      message: error.message,
      cause: error,
    });
  }
}
