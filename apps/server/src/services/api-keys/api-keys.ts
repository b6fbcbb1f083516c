import {
  type ApiKeyLevel,
  type ApiKeySummary,
  type AuthenticatedPrincipal,
  type CreatedApiKey,
  canAccessOwnedResource,
  DEFAULT_API_KEY_PERMISSIONS,
  DomainError,
  expandScopes,
  type Permission,
  type ZApiKeyCreateInput,
} from '@tradewind/core';
import type { ApiKey, Prisma } from '@tradewind/db';
import type { z } from 'zod';
import { generateToken, hashToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { API_KEY_PREFIX } from '../auth/authenticate.ts';
import { credentialsChanged } from '../auth/credentials-changed.ts';
import { inBotTransaction } from '../bots/bot-transaction.ts';

/** Prefix of the signing secret handed out with a key, so a leaked one is recognisable. */
export const API_KEY_SECRET_PREFIX = 'tws_';
/** How much of the key lists show: `twk_` and four random characters. */
const SHOWN_PREFIX_LENGTH = 8;
/** 30 random bytes are exactly 40 base64url characters. */
const KEY_RANDOM_BYTES = 30;
const DAY_MS = 86_400_000;

type ApiKeyDeps = Pick<ServiceDeps, 'db' | 'secretBox' | 'now'>;
type Scope = Permission | ApiKeyLevel;

/**
 * The requested scopes that reach beyond what the caller holds, each with the permissions it
 * is missing. An API key caller holds only its own scopes, so a key cannot mint a bigger key.
 */
export function scopesBeyond(
  held: readonly Permission[],
  requested: readonly Scope[],
): { scope: Scope; missing: Permission[] }[] {
  const holds = new Set(held);
  return requested
    .map((scope) => ({
      scope,
      missing: expandScopes([scope]).filter((permission) => !holds.has(permission)),
    }))
    .filter((excess) => excess.missing.length > 0);
}

/**
 * The permissions a new key gets. Named scopes must lie within the creator's own; none named
 * means the owner's full enterprise access, capped by what the creator holds.
 */
function grantableScopes(
  principal: AuthenticatedPrincipal,
  requested: readonly Scope[] | undefined,
): Permission[] {
  if (requested === undefined) {
    return expandScopes(
      DEFAULT_API_KEY_PERMISSIONS.filter((permission) =>
        principal.permissions.includes(permission),
      ),
    );
  }
  const excess = scopesBeyond(principal.permissions, requested);
  if (excess.length > 0) {
    const named = excess.map(({ scope, missing }) =>
      missing.length === 1 && missing[0] === scope ? scope : `${scope} (${missing.join(', ')})`,
    );
    throw new DomainError(
      'VALIDATION_ERROR',
      `scopes: beyond your own permissions: ${named.join('; ')}`,
      {
        field: 'scopes',
        exceeding: [...new Set(excess.flatMap(({ missing }) => missing))],
      },
    );
  }
  // Stored expanded, so a key keeps exactly what its creator saw, even if a level grows later.
  return expandScopes(requested);
}

/** What the owner sees of a key; `now` decides whether it has expired. */
export function toApiKeySummary(key: ApiKey, now: Date): ApiKeySummary {
  const expired = key.expiresAt !== null && key.expiresAt <= now;
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: expandScopes(key.scopes as Scope[]),
    rateLimitPerHour: key.rateLimitPerHour,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    enabled: key.revokedAt === null && !expired,
  };
}

/**
 * Creates a key for the caller. The key and its secret are returned this once; only the key's
 * SHA-256 hash and the secret's ciphertext are stored. A key created through another key
 * never outlives it and never gets a higher hourly limit than it has.
 */
export async function createApiKey(
  deps: ApiKeyDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZApiKeyCreateInput>,
): Promise<CreatedApiKey> {
  const scopes = grantableScopes(principal, input.scopes);
  const now = deps.now();
  let expiresAt = input.expiresInDays
    ? new Date(now.getTime() + input.expiresInDays * DAY_MS)
    : null;
  let rateLimitPerHour = input.rateLimitPerHour;
  if (principal.kind === 'apiKey') {
    const parent = await deps.db.prisma.apiKey.findUniqueOrThrow({
      where: { id: principal.apiKeyId },
      select: { expiresAt: true },
    });
    if (parent.expiresAt && (!expiresAt || expiresAt > parent.expiresAt)) {
      expiresAt = parent.expiresAt;
    }
    rateLimitPerHour = Math.min(rateLimitPerHour, principal.rateLimitPerHour);
  }

  const key = generateToken(API_KEY_PREFIX, KEY_RANDOM_BYTES);
  const secret = generateToken(API_KEY_SECRET_PREFIX);
  const created = await deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        userId: principal.userId,
        name: input.name,
        prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        keyHash: hashToken(key),
        secretEncrypted: deps.secretBox.encrypt(secret),
        scopes,
        rateLimitPerHour,
        expiresAt,
        createdByApiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
      },
    });
    await recordAudit(tx, meta, {
      action: 'api_key.created',
      actorUserId: principal.userId,
      targetType: 'api_key',
      targetId: row.id,
      metadata: {
        name: row.name,
        prefix: row.prefix,
        scopes,
        ...(principal.kind === 'apiKey' && { viaApiKeyId: principal.apiKeyId }),
      },
    });
    return row;
  });
  return { ...toApiKeySummary(created, now), key, secret };
}

/** The caller's own keys, newest first, revoked and expired ones included (not enabled). */
export async function listApiKeys(
  deps: Pick<ServiceDeps, 'db' | 'now'>,
  userId: string,
): Promise<ApiKeySummary[]> {
  const keys = await deps.db.prisma.apiKey.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  const now = deps.now();
  return keys.map((key) => toApiKeySummary(key, now));
}

/**
 * The keys created through `id`, through those, and so on, still unrevoked: a key minted by a
 * key is only as trustworthy as its parent, so it goes when the parent goes.
 */
async function unrevokedDescendants(tx: Prisma.TransactionClient, id: string): Promise<string[]> {
  const found: string[] = [];
  for (let parents = [id]; parents.length > 0; ) {
    const children = await tx.apiKey.findMany({
      where: { createdByApiKeyId: { in: parents }, revokedAt: null },
      select: { id: true },
    });
    parents = children.map((child) => child.id).filter((child) => !found.includes(child));
    found.push(...parents);
  }
  return found;
}

/**
 * Revokes a key and every key created through it (and through those); the next call with any
 * of them fails: every process drops its cached keys of the owner on `credentials.changed`. Revoking a revoked key
 * changes nothing. Someone else's key is "not found", exactly like a missing one, so ids cannot
 * be probed (admins excepted, by the one ownership rule).
 */
export async function revokeApiKey(
  deps: Pick<ServiceDeps, 'db' | 'now' | 'events'>,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<ApiKeySummary> {
  const now = deps.now();
  const revoked = await inBotTransaction(deps, async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key || !canAccessOwnedResource(principal, key.userId)) {
      throw new DomainError('NOT_FOUND', 'API key not found');
    }
    const descendants = await unrevokedDescendants(tx, id);
    // Conditional, so two concurrent revocations record one audit entry.
    const changed = await tx.apiKey.updateMany({
      where: { id: { in: [id, ...descendants] }, revokedAt: null },
      data: { revokedAt: now },
    });
    if (changed.count === 0) return { result: key, events: [] };
    await recordAudit(tx, meta, {
      action: 'api_key.revoked',
      actorUserId: principal.userId,
      targetType: 'api_key',
      targetId: key.id,
      metadata: {
        name: key.name,
        prefix: key.prefix,
        ...(descendants.length > 0 && { revokedDescendants: descendants }),
        ...(key.userId !== principal.userId && { ownerUserId: key.userId }),
        ...(principal.kind === 'apiKey' && { viaApiKeyId: principal.apiKeyId }),
      },
    });
    return {
      result: { ...key, revokedAt: key.revokedAt ?? now },
      events: [credentialsChanged(key.userId, 'api_key.revoked')],
    };
  });
  return toApiKeySummary(revoked, now);
}

/** Revokes every unrevoked key of `userId` (the "revoke all keys" of a password reset). */
export async function revokeAllApiKeys(
  tx: Prisma.TransactionClient,
  userId: string,
  now: Date,
): Promise<number> {
  const changed = await tx.apiKey.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: now },
  });
  return changed.count;
}
