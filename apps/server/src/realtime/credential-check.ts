import { isDomainError } from '@tradewind/core';
import type { ServiceDeps } from '../service-deps.ts';
import { authenticate, type Credentials } from '../services/auth/authenticate.ts';

/** How long one answer serves every stream opened with the same credentials. */
const SHARED_FOR_MS = 1_000;

type CheckDeps = Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'credentialCache'>;

/**
 * Whether the credentials a stream was opened with still stand: the session (logout, expiry),
 * the API key (revoked, expired), the access token's own expiry and the account (disabled), as
 * every call checks them. Open streams ask on each heartbeat; streams opened with the same
 * credentials share one answer for a second, so thousands of streams cost a few queries.
 */
export class CredentialCheck {
  readonly #recent = new Map<string, Promise<string | undefined>>();

  /**
   * Undefined while the credentials still stand (or none were sent); else why they no longer
   * do. A token or key belongs to one user for good, so standing means "same caller".
   */
  check(deps: CheckDeps, credentials: Credentials): Promise<string | undefined> {
    if (credentials.bearer === undefined && credentials.apiKey === undefined) {
      return Promise.resolve(undefined);
    }
    const key = `${credentials.bearer ?? ''}\n${credentials.apiKey ?? ''}`;
    let answer = this.#recent.get(key);
    if (answer === undefined) {
      answer = revocationReason(deps, credentials);
      this.#recent.set(key, answer);
      setTimeout(() => this.#recent.delete(key), SHARED_FOR_MS).unref();
    }
    return answer;
  }
}

async function revocationReason(
  deps: CheckDeps,
  credentials: Credentials,
): Promise<string | undefined> {
  try {
    await authenticate(deps, credentials);
    return undefined;
  } catch (error) {
    // A database hiccup is not a revocation: the next heartbeat asks again.
    if (!isDomainError(error)) return undefined;
    return error.message;
  }
}
