/** The closed set of domain error codes every transport understands. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'AUTH_REQUIRED',
  'AUTH_INVALID',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMIT',
  'INSUFFICIENT_FUNDS',
  'PROVIDER_ERROR',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** tRPC's error code names, spelled out here so `core` needs no tRPC import. */
export type TransportErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'UNPROCESSABLE_CONTENT'
  | 'BAD_GATEWAY'
  | 'INTERNAL_SERVER_ERROR';

/**
 * The one table from domain code to tRPC code and HTTP status. tRPC's error formatter and the
 * REST adapter both read it, so a code means the same thing on every door.
 */
export const ERROR_CODE_TABLE: Readonly<
  Record<ErrorCode, { transport: TransportErrorCode; httpStatus: number }>
> = {
  VALIDATION_ERROR: { transport: 'BAD_REQUEST', httpStatus: 400 },
  AUTH_REQUIRED: { transport: 'UNAUTHORIZED', httpStatus: 401 },
  AUTH_INVALID: { transport: 'UNAUTHORIZED', httpStatus: 401 },
  PERMISSION_DENIED: { transport: 'FORBIDDEN', httpStatus: 403 },
  NOT_FOUND: { transport: 'NOT_FOUND', httpStatus: 404 },
  CONFLICT: { transport: 'CONFLICT', httpStatus: 409 },
  RATE_LIMIT: { transport: 'TOO_MANY_REQUESTS', httpStatus: 429 },
  INSUFFICIENT_FUNDS: { transport: 'UNPROCESSABLE_CONTENT', httpStatus: 422 },
  PROVIDER_ERROR: { transport: 'BAD_GATEWAY', httpStatus: 502 },
  INTERNAL_ERROR: { transport: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
};
