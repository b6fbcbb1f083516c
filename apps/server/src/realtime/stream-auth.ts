import {
  type AuthenticatedPrincipal,
  DomainError,
  ERROR_CODE_TABLE,
  hasPermission,
  isDomainError,
} from '@tradewind/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import type { ServiceDeps } from '../service-deps.ts';
import { authenticate, type Credentials } from '../services/auth/authenticate.ts';
import type { RealtimeHub } from './realtime-hub.ts';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A query parameter given at most once; repeated (`?token=a&token=b`) is refused, not guessed. */
export function queryParameter(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new DomainError('VALIDATION_ERROR', `Query parameter "${name}" must be given once`, {
    field: name,
  });
}

/**
 * The credentials a raw stream request presents: `Authorization: Bearer <token>`, `X-API-Key`,
 * or `?token=` (an access token or an API key).
 */
export function streamCredentials(request: FastifyRequest): Credentials {
  const authorization = single(request.headers.authorization);
  const bearer =
    authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ??
    (queryParameter(request, 'token') || undefined);
  return {
    bearer,
    apiKey: single(request.headers['x-api-key']) || undefined,
    malformedAuthorization: Boolean(authorization?.trim()) && bearer === undefined,
  };
}

/**
 * Who opens a raw realtime stream (gateway or SSE): `Authorization: Bearer <token>`, `X-API-Key`,
 * or, for browsers that cannot set headers on a WebSocket or EventSource, `?token=` (an access
 * token or an API key). Streams carry bot events, so they need `bots:read`.
 */
export async function authenticateStream(
  deps: Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'credentialCache'>,
  request: FastifyRequest,
): Promise<AuthenticatedPrincipal> {
  const principal = await authenticate(deps, streamCredentials(request));
  if (principal.kind === 'anonymous') {
    throw new DomainError(
      'AUTH_REQUIRED',
      'Authentication required: send Authorization: Bearer <token>, X-API-Key, or ?token=',
    );
  }
  if (!hasPermission(principal, 'bots:read')) {
    throw new DomainError('PERMISSION_DENIED', 'Permission denied: needs bots:read', {
      permission: 'bots:read',
    });
  }
  return principal;
}

/**
 * Browsers send `Origin` with every WebSocket and cross-site EventSource: it must be the
 * server's own origin or on the allow-list. Clients that send none (servers, CLIs) pass; they
 * still need credentials.
 */
export function originAllowed(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = single(request.headers.origin);
  if (origin === undefined || allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Answers a refused stream request with the domain error's status and a JSON body. */
export function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (!isDomainError(error)) throw error;
  return reply
    .code(ERROR_CODE_TABLE[error.code].httpStatus)
    .send({ success: false, error: error.message, code: error.code });
}

/**
 * Runs the checks every raw stream starts with (Origin, credentials, and the caller's read
 * budget, so a rate-limited key cannot open streams either); answers and returns undefined
 * when refused.
 */
export async function admitStream(
  deps: Pick<
    ServiceDeps,
    'db' | 'accessTokens' | 'now' | 'credentialCache' | 'rateLimiter' | 'config'
  > & {
    realtime: RealtimeHub;
  },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuthenticatedPrincipal | undefined> {
  if (!originAllowed(request, deps.realtime.config.allowedOrigins)) {
    refuse(reply, new DomainError('PERMISSION_DENIED', 'Origin not allowed'));
    return undefined;
  }
  try {
    const principal = await authenticateStream(deps, request);
    await enforceRateLimit(
      {
        rateLimiter: deps.rateLimiter,
        config: deps.config,
        meta: {
          requestId: request.id,
          ipAddress: request.ip,
          userAgent: single(request.headers['user-agent']),
        },
        setHeader: (name, value) => void reply.header(name, value),
      },
      principal,
      'read',
    );
    return principal;
  } catch (error) {
    refuse(reply, error);
    return undefined;
  }
}
