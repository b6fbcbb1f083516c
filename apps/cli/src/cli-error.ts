import { isTradewindClientError } from '@tradewind/sdk';

/** A failure the CLI reports as one line and exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
};

/** Why the request never got an answer, or `undefined` when the server did answer. */
function networkFailure(error: unknown): string | undefined {
  // A tRPC error with `data` came from the server; without it, the request never completed.
  if (!isTradewindClientError(error) || error.data) return undefined;
  let deepest: Error = error;
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    deepest = cause;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_REASONS) return NETWORK_REASONS[code];
  }
  return deepest.message;
}

/** Turns anything thrown during a command into the one line an operator reads. */
export function describeError(error: unknown, serverUrl: string): string {
  if (error instanceof CliError) return error.message;
  const failure = networkFailure(error);
  if (failure) return `cannot reach the Tradewind server at ${serverUrl} (${failure})`;
  if (isTradewindClientError(error)) {
    const requestId = (error.data as { requestId?: string } | undefined)?.requestId;
    return requestId ? `${error.message} (request ${requestId})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
