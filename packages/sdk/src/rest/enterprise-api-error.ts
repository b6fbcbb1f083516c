import type { EnterpriseError } from '@tradewind/core';

/** A failed enterprise REST call: the HTTP status and seed 000's error envelope. */
export class EnterpriseApiError extends Error {
  readonly status: number;
  /** Quote it when asking for support; the server logs the call under it. */
  readonly requestId: string | undefined;
  /** The whole error body, including facts such as `activeBotId`. */
  readonly body: EnterpriseError | undefined;

  constructor(status: number, message: string, body?: EnterpriseError, requestId?: string) {
    super(message);
    this.name = 'EnterpriseApiError';
    this.status = status;
    this.body = body;
    this.requestId = body?.request_id ?? requestId;
  }
}

export function isEnterpriseApiError(error: unknown): error is EnterpriseApiError {
  return error instanceof Error && error.name === 'EnterpriseApiError' && 'status' in error;
}
