import { isTradewindClientError } from '@tradewind/sdk';

/** A failure the CLI reports as one line and exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

function networkCode(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
}

/** Turns anything thrown during a command into the one line an operator reads. */
export function describeError(error: unknown, serverUrl: string): string {
  if (error instanceof CliError) return error.message;
  const code = networkCode(error);
  if (code) {
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'unknown host' : code;
    return `cannot reach the Tradewind server at ${serverUrl} (${reason})`;
  }
  if (isTradewindClientError(error)) {
    const requestId = (error.data as { requestId?: string } | undefined)?.requestId;
    return requestId ? `${error.message} (request ${requestId})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
