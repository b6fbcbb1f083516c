import type { AuthTokens, LoginInput } from '@tradewind/core';
import type { Prisma, User } from '@tradewind/db';
import { generateToken, hashToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { toUserProfile } from './user-profile.ts';

export const REFRESH_TOKEN_PREFIX = 'twr_';
export const SESSION_TTL_DAYS = 30;

type IssueDeps = Pick<ServiceDeps, 'accessTokens' | 'now'>;

/** Writes a new refresh token for `sessionId` and returns it with a fresh access token. */
export async function rotateTokens(
  deps: IssueDeps,
  tx: Prisma.TransactionClient,
  user: User,
  session: { id: string; expiresAt: Date },
): Promise<AuthTokens> {
  const refreshToken = generateToken(REFRESH_TOKEN_PREFIX);
  await tx.refreshToken.create({
    data: {
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: session.expiresAt,
    },
  });
  return tokensFor(deps, user, session, refreshToken);
}

/** A fresh access token for `session`, answered with an existing refresh token. */
export async function tokensFor(
  deps: IssueDeps,
  user: User,
  session: { id: string },
  refreshToken: string,
): Promise<AuthTokens> {
  const accessToken = await deps.accessTokens.sign(
    { userId: user.id, sessionId: session.id },
    deps.now(),
  );
  return {
    accessToken,
    refreshToken,
    tokenType: 'bearer',
    expiresIn: deps.accessTokens.ttlSeconds,
    sessionId: session.id,
    user: toUserProfile(user),
  };
}

/** Starts a session (a refresh-token family) for a user who just proved who they are. */
export async function issueSession(
  deps: IssueDeps,
  tx: Prisma.TransactionClient,
  user: User,
  meta: RequestMeta,
  device: LoginInput['deviceInfo'] = {},
): Promise<AuthTokens> {
  const now = deps.now();
  const session = await tx.session.create({
    data: {
      userId: user.id,
      // The connection's address is the truth; a client-reported one is only a hint.
      ipAddress: meta.ipAddress,
      userAgent: device.userAgent ?? meta.userAgent ?? null,
      deviceType: device.deviceType ?? deviceTypeOf(device.userAgent ?? meta.userAgent),
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_DAYS * 86_400_000),
    },
  });
  return rotateTokens(deps, tx, user, session);
}

/** A coarse device class from a user agent, for session lists. */
function deviceTypeOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  if (/tradewind-cli/i.test(userAgent)) return 'cli';
  if (/mobile|android|iphone|ipad/i.test(userAgent)) return 'mobile';
  if (/mozilla|chrome|safari|firefox/i.test(userAgent)) return 'desktop';
  return 'api';
}
