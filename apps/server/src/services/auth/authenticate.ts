import {
  DomainError,
  expandScopes,
  type Permission,
  type Principal,
  permissionsForRole,
} from '@tradewind/core';
import { hashToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { roleOf } from './user-profile.ts';

/** What a caller presented: `Authorization: Bearer …` and/or `X-API-Key`. */
export type Credentials = {
  bearer: string | undefined;
  apiKey: string | undefined;
  /** An `Authorization` header was sent but is not `Bearer <token>` (e.g. `Basic …`). */
  malformedAuthorization?: boolean;
};

export const API_KEY_PREFIX = 'twk_';

/** A key's `lastUsedAt` is written at most this often, so hot keys do not write every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

type AuthenticateDeps = Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'credentialCache'>;

/**
 * Turns credentials into a principal, or anonymous when none were presented. Presented but
 * wrong credentials fail loudly (401) rather than falling back to anonymous. Sessions and
 * accounts are read on every call; API keys come from the credential cache, which a
 * `credentials.changed` event empties for the user, so revocation takes effect at once.
 */
export async function authenticate(
  deps: AuthenticateDeps,
  credentials: Credentials,
): Promise<Principal> {
  if (credentials.malformedAuthorization) {
    throw new DomainError(
      'AUTH_INVALID',
      'Malformed Authorization header: expected "Bearer <token>"',
    );
  }
  const apiKey =
    credentials.apiKey ??
    (credentials.bearer?.startsWith(API_KEY_PREFIX) ? credentials.bearer : undefined);
  if (apiKey) return authenticateApiKey(deps, apiKey);
  if (credentials.bearer) return authenticateAccessToken(deps, credentials.bearer);
  return { kind: 'anonymous' };
}

async function authenticateAccessToken(deps: AuthenticateDeps, token: string): Promise<Principal> {
  const verified = await deps.accessTokens.verify(token, deps.now());
  if (!verified.ok) {
    throw new DomainError(
      'AUTH_INVALID',
      verified.reason === 'expired' ? 'Access token expired' : 'Invalid access token',
    );
  }
  const session = await deps.db.prisma.session.findUnique({
    where: { id: verified.claims.sessionId },
    include: { user: true },
  });
  if (!session || session.userId !== verified.claims.userId) {
    throw new DomainError('AUTH_INVALID', 'Invalid access token');
  }
  if (session.revokedAt || session.expiresAt <= deps.now()) {
    throw new DomainError('AUTH_INVALID', 'Session has ended; sign in again');
  }
  if (session.user.disabledAt) {
    throw new DomainError('AUTH_INVALID', 'This account is disabled');
  }
  const role = roleOf(session.user);
  return {
    kind: 'user',
    userId: session.userId,
    sessionId: session.id,
    role,
    permissions: permissionsForRole(role),
  };
}

async function authenticateApiKey(deps: AuthenticateDeps, key: string): Promise<Principal> {
  const now = deps.now();
  const apiKey = await deps.credentialCache.apiKey(hashToken(key));
  if (!apiKey) throw new DomainError('AUTH_INVALID', 'Invalid API key');
  if (apiKey.revokedAt) throw new DomainError('AUTH_INVALID', 'API key has been revoked');
  if (apiKey.expiresAt && apiKey.expiresAt <= now) {
    throw new DomainError('AUTH_INVALID', 'API key has expired');
  }
  if (apiKey.user.disabledAt) throw new DomainError('AUTH_INVALID', 'This account is disabled');

  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // The cached record remembers the write, so the next calls do not repeat it.
    apiKey.lastUsedAt = now;
    await deps.db.prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
  }
  const role = roleOf(apiKey.user);
  // A key can never do more than its owner can do today, whatever it was created with.
  const ownerPermissions = new Set<Permission>(permissionsForRole(role));
  const permissions = expandScopes(apiKey.scopes as Permission[]).filter((permission) =>
    ownerPermissions.has(permission),
  );
  return {
    kind: 'apiKey',
    userId: apiKey.userId,
    apiKeyId: apiKey.id,
    role,
    permissions,
    rateLimitPerHour: apiKey.rateLimitPerHour,
  };
}
