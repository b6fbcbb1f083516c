import { createHash } from 'node:crypto';
import { type AuthenticatedPrincipal, DomainError } from '@tradewind/core';
import { Plan } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import { authenticate, type Credentials } from '../auth/authenticate.ts';

/**
 * Whose `Idempotency-Key`s a request shares: the credential (the API key, or the signed-in
 * session) together with the permissions it holds now. Another key of the same user, or the
 * same key after its permissions changed, never sees a stored answer.
 */
export function idempotencyScopeOf(principal: AuthenticatedPrincipal): string {
  const credential =
    principal.kind === 'apiKey' ? `key:${principal.apiKeyId}` : `session:${principal.sessionId}`;
  const permissions = createHash('sha256').update(principal.permissions.join(',')).digest('hex');
  return `${credential}:${permissions.slice(0, 16)}`;
}

/**
 * Who may use the enterprise REST API: an authenticated caller (normally an API key) whose
 * account is on the Enterprise plan. Returns the principal (the procedures use it rather than
 * authenticating again) and the idempotency scope (per credential and permissions), which never
 * leaves the server. Permissions, ownership and rate limits are then the procedures' job.
 */
export async function authorizeEnterpriseCaller(
  deps: Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'credentialCache'>,
  credentials: Credentials,
): Promise<{ scope: string; principal: AuthenticatedPrincipal }> {
  const principal = await authenticate(deps, credentials);
  if (principal.kind === 'anonymous') {
    throw new DomainError(
      'AUTH_REQUIRED',
      'API key required: send it as X-API-Key or Authorization: Bearer <key>',
    );
  }
  if ((await deps.credentialCache.plan(principal.userId)) !== Plan.ENTERPRISE) {
    throw new DomainError(
      'PERMISSION_DENIED',
      'Enterprise tier subscription required: the Enterprise API is available on the Enterprise plan only',
    );
  }
  return { scope: idempotencyScopeOf(principal), principal };
}
