import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type AuthenticatedPrincipal,
  type CreatedTradingViewToken,
  DomainError,
  type TradingViewTokenStatus,
} from '@tradewind/core';
import type { TradingViewToken, User } from '@tradewind/db';
import { generateToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';

/** Prefix of webhook tokens, so a leaked one is recognisable. */
export const TRADINGVIEW_TOKEN_PREFIX = 'tvw_';
/** `tvw_` and 8 random characters: the public part a request is looked up by. */
const LOOKUP_PREFIX_LENGTH = 12;
export const TRADINGVIEW_WEBHOOK_PATH = '/api/v1/webhook/tradingview';
/** `lastUsedAt` is written at most this often, so a busy alert does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

type TokenDeps = Pick<ServiceDeps, 'db' | 'now'>;

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function toStatus(row: TradingViewToken): TradingViewTokenStatus {
  return {
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** The caller's token, as its prefix and dates; null when they have none. */
export async function tradingViewTokenStatus(
  deps: TokenDeps,
  principal: AuthenticatedPrincipal,
): Promise<TradingViewTokenStatus | null> {
  const row = await deps.db.prisma.tradingViewToken.findUnique({
    where: { userId: principal.userId },
  });
  return row ? toStatus(row) : null;
}

/**
 * Creates the caller's webhook token, or replaces it (the old one stops working at once). The
 * token is returned this once; only its SHA-256 hash and its lookup prefix are stored.
 */
export async function rotateTradingViewToken(
  deps: TokenDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
): Promise<CreatedTradingViewToken> {
  const token = generateToken(TRADINGVIEW_TOKEN_PREFIX);
  const data = {
    prefix: token.slice(0, LOOKUP_PREFIX_LENGTH),
    tokenHash: digest(token).toString('hex'),
    createdAt: deps.now(),
    lastUsedAt: null,
  };
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const saved = await tx.tradingViewToken.upsert({
      where: { userId: principal.userId },
      create: { userId: principal.userId, ...data },
      update: data,
    });
    await recordAudit(tx, meta, {
      action: 'tradingview_token.rotated',
      actorUserId: principal.userId,
      targetType: 'tradingview_token',
      targetId: principal.userId,
      metadata: { prefix: saved.prefix },
    });
    return saved;
  });
  return {
    ...toStatus(row),
    token,
    webhookPath: `${TRADINGVIEW_WEBHOOK_PATH}?token=${encodeURIComponent(token)}`,
  };
}

/** Deletes the caller's token: TradingView alerts using it are refused from now on. */
export async function revokeTradingViewToken(
  deps: TokenDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
): Promise<{ success: true; message: string }> {
  await deps.db.prisma.$transaction(async (tx) => {
    const removed = await tx.tradingViewToken.deleteMany({ where: { userId: principal.userId } });
    if (removed.count === 0) throw new DomainError('NOT_FOUND', 'No TradingView webhook token');
    await recordAudit(tx, meta, {
      action: 'tradingview_token.revoked',
      actorUserId: principal.userId,
      targetType: 'tradingview_token',
      targetId: principal.userId,
    });
  });
  return { success: true, message: 'TradingView webhook token revoked' };
}

/**
 * The owner of a webhook token, or null for any wrong, unknown, revoked token or disabled
 * account (one answer for all, so a caller learns nothing). The row is found by the token's
 * public prefix; the secret part is checked by comparing SHA-256 digests in constant time.
 */
export async function tradingViewTokenOwner(deps: TokenDeps, token: string): Promise<User | null> {
  if (!token.startsWith(TRADINGVIEW_TOKEN_PREFIX) || token.length <= LOOKUP_PREFIX_LENGTH) {
    return null;
  }
  const row = await deps.db.prisma.tradingViewToken.findUnique({
    where: { prefix: token.slice(0, LOOKUP_PREFIX_LENGTH) },
    include: { user: true },
  });
  if (!row) return null;
  const matches = timingSafeEqual(digest(token), Buffer.from(row.tokenHash, 'hex'));
  if (!matches || row.user.disabledAt) return null;
  const now = deps.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db.prisma.tradingViewToken.update({
      where: { userId: row.userId },
      data: { lastUsedAt: now },
    });
  }
  return row.user;
}
