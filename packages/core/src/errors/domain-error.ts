import type { ErrorCode } from './error-code.ts';

/**
 * A failure the domain expects and can explain: services throw it, transports translate it
 * through `ERROR_CODE_TABLE`. Anything else that escapes is a bug and is reported as a 500.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts for the caller (e.g. `activeBotId`); never secrets. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** True for any `DomainError`, also one thrown from another copy of this module. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && error.name === 'DomainError' && 'code' in error;
}
