import type { isTradewindClientError } from '@tradewind/sdk';
import { loadSdk } from './sdk.ts';

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

type ClientErrorGuard = typeof isTradewindClientError;

/** Why the request never got an answer, or `undefined` when the server did answer. */
function networkFailure(error: unknown, isClientError: ClientErrorGuard): string | undefined {
  // A tRPC error with `data` came from the server; without it, the request never completed.
  if (!isClientError(error) || error.data) return undefined;
  let deepest: Error = error;
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    deepest = cause;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_REASONS) return NETWORK_REASONS[code];
  }
  return deepest.message;
}

/**
 * Lets a command say more about a server's refusal: `reword` gets the message and the error's
 * details (a DomainError's, e.g. `activeBotId`) and returns the new message, or undefined to
 * keep it. The error stays the server's, so the one line still ends with its request id.
 */
export async function rewordServerError(
  error: unknown,
  reword: (message: string, details: Record<string, unknown>) => string | undefined,
): Promise<never> {
  const { isTradewindClientError } = await loadSdk();
  if (isTradewindClientError(error) && error.data) {
    const details = (error.data as { details?: Record<string, unknown> }).details ?? {};
    const message = reword(error.message, details);
    if (message !== undefined) error.message = message;
  }
  throw error;
}

/** Turns anything thrown during a command into the one line an operator reads. */
export async function describeError(error: unknown, serverUrl: string): Promise<string> {
  if (error instanceof CliError) return error.message;
  const { isTradewindClientError } = await loadSdk();
  const failure = networkFailure(error, isTradewindClientError);
  if (failure) return `cannot reach the Tradewind server at ${serverUrl} (${failure})`;
  if (isTradewindClientError(error)) {
    const requestId = (error.data as { requestId?: string } | undefined)?.requestId;
    const message = oneLine(error.message);
    return requestId ? `${message} (request ${requestId})` : message;
  }
  return oneLine(error instanceof Error ? error.message : String(error));
}

/**
 * Folds a multi-line message into one line. Validation errors arrive as zod's pretty print,
 * `✖ message` then `→ at path` per issue; those become `path: message; path: message`.
 */
export function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length <= 1) return lines[0] ?? '';
  const issues: string[] = [];
  for (const line of lines) {
    const at = line.match(/^→ at (.+)$/);
    if (at && issues.length > 0) issues[issues.length - 1] = `${at[1]}: ${issues.at(-1)}`;
    else issues.push(line.replace(/^✖\s*/, ''));
  }
  return issues.join('; ');
}
