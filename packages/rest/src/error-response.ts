import {
  type DomainError,
  type EnterpriseError,
  ERROR_CODE_TABLE,
  type ErrorCode,
  isDomainError,
} from '@tradewind/core';

export type ErrorResponse = { status: number; body: EnterpriseError };

type ZodIssueLike = { path: readonly PropertyKey[]; message: string };
type ZodErrorLike = Error & { issues: readonly ZodIssueLike[] };

/** A request part the REST adapter validates; named in the message so the caller knows where. */
export type InputLocation = 'path' | 'query' | 'body' | 'input';

/**
 * A validation failure naming the location and each field: `Invalid body: initialCash: must
 * be a number`. Thrown by the adapter's own parsing, before any procedure runs.
 */
export class InputValidationError extends Error {
  readonly location: InputLocation;
  readonly issues: readonly ZodIssueLike[];

  constructor(location: InputLocation, issues: readonly ZodIssueLike[]) {
    super(describeIssues(location, issues));
    this.name = 'InputValidationError';
    this.location = location;
    this.issues = issues;
  }
}

function describeIssues(location: InputLocation, issues: readonly ZodIssueLike[]): string {
  const parts = issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
  );
  return `Invalid ${location}: ${parts.join('; ')}`;
}

// Checked by shape: zod and tRPC may be separate module copies, so `instanceof` is unreliable.
function isZodError(error: unknown): error is ZodErrorLike {
  return error instanceof Error && error.name === 'ZodError' && 'issues' in error;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** Statuses of tRPC codes, read from the one domain table (every tRPC code we use is in it). */
function statusOfTransportCode(code: string): number | undefined {
  const entry = Object.values(ERROR_CODE_TABLE).find((candidate) => candidate.transport === code);
  return entry?.httpStatus;
}

/** Fastify's own 4xx errors (body parsing, content type, size) with messages that help. */
function fastifyMessage(error: Error & { code: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type: send the body as application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Empty JSON body: send a JSON object, or no Content-Type header when there is no body';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `Malformed JSON body: ${error.message}`;
    default:
      return error.message;
  }
}

function isFastifyClientError(
  error: unknown,
): error is Error & { code: string; statusCode: number } {
  if (!(error instanceof Error)) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_')
  );
}

// Bad JSON surfaces as a SyntaxError carrying a 400 status from Fastify's JSON parser.
function isJsonSyntaxError(error: unknown): error is SyntaxError {
  return error instanceof SyntaxError && (error as { statusCode?: unknown }).statusCode === 400;
}

function envelope(
  requestId: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): EnterpriseError {
  // Details come first so they can never overwrite the envelope's own fields.
  return { ...details, success: false, error: message, request_id: requestId };
}

function fromDomainError(error: DomainError, requestId: string): ErrorResponse {
  return {
    status: ERROR_CODE_TABLE[error.code as ErrorCode].httpStatus,
    body: envelope(requestId, error.message, error.details),
  };
}

/**
 * Any failure as seed 000's error envelope with its HTTP status, through the one code table.
 * Statuses >= 500 get a generic message; the caller logs the real error under the request id.
 */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (isDomainError(error)) return fromDomainError(error, requestId);
  const cause = causeOf(error);
  if (isDomainError(cause)) return fromDomainError(cause, requestId);
  if (error instanceof InputValidationError) {
    return { status: 400, body: envelope(requestId, error.message) };
  }
  // A procedure's own `.input()` refused what the adapter passed on.
  if (isZodError(cause)) {
    return { status: 400, body: envelope(requestId, describeIssues('input', cause.issues)) };
  }
  if (isJsonSyntaxError(error)) {
    return { status: 400, body: envelope(requestId, `Malformed JSON body: ${error.message}`) };
  }
  if (isFastifyClientError(error)) {
    return { status: error.statusCode, body: envelope(requestId, fastifyMessage(error)) };
  }
  if (error instanceof Error && error.name === 'TRPCError') {
    const status = statusOfTransportCode((error as Error & { code: string }).code) ?? 500;
    if (status < 500) return { status, body: envelope(requestId, error.message) };
  }
  return { status: 500, body: envelope(requestId, 'Internal error') };
}
