import type { Principal } from '@tradewind/core';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { ServerDeps } from '../server-deps.ts';
import type { RequestMeta } from '../services/audit/request-meta.ts';
import type { Credentials } from '../services/auth/authenticate.ts';

/** What every procedure can see: the process-wide dependencies and this request's facts. */
export type Context = ServerDeps & {
  requestId: string;
  meta: RequestMeta;
  credentials: Credentials;
  /** `enterprise` on seed 000's REST surface: callers reach their own resources only. */
  surface?: 'enterprise';
  /** Who the caller is, when the HTTP surface already authenticated it (enterprise REST). */
  authenticated?: Principal;
  /** Sets a response header; a no-op over WebSocket, which has no per-call headers. */
  setHeader(name: string, value: string): void;
  /** Bytes written to this caller and not yet sent (WebSocket or SSE); streams pace on it. */
  outboundBacklog(): number;
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearerOf(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Builds the tRPC context for one HTTP request or one WebSocket connection. Over WebSocket,
 * browsers cannot set headers, so credentials may also come as connection params
 * (`{ authorization, 'x-api-key' }`), which the SDK sends.
 */
export function contextFactory(deps: ServerDeps) {
  return ({ req, res, info }: CreateFastifyContextOptions): Context => {
    const params = info.connectionParams ?? {};
    const authorization = single(req.headers.authorization) ?? params.authorization;
    const apiKey = single(req.headers['x-api-key']) ?? params['x-api-key'];
    const bearer = bearerOf(authorization);
    const reply = res as { header?: (name: string, value: string) => unknown };
    return {
      ...deps,
      requestId: req.id,
      meta: {
        requestId: req.id,
        ipAddress: req.ip,
        userAgent: single(req.headers['user-agent']),
      },
      credentials: {
        bearer,
        apiKey: apiKey || undefined,
        // Refused rather than ignored: a caller who sent credentials must not be served as
        // anonymous because the header's scheme was wrong.
        malformedAuthorization: Boolean(authorization?.trim()) && bearer === undefined,
      },
      setHeader:
        typeof reply.header === 'function'
          ? (name, value) => void reply.header?.(name, value)
          : () => {},
      // Over WebSocket `res` is the socket; over HTTP (SSE) it is the reply.
      outboundBacklog: () => {
        const socket = res as { bufferedAmount?: number; raw?: { writableLength?: number } };
        return socket.bufferedAmount ?? socket.raw?.writableLength ?? 0;
      },
    };
  };
}

/**
 * The context of a server-side tRPC call made for one plain HTTP request (REST routes that map
 * onto procedures through `createCaller`): the request's credentials, id and address.
 */
export function httpCallContextFactory(deps: ServerDeps) {
  const createContext = contextFactory(deps);
  return (req: CreateFastifyContextOptions['req'], res: CreateFastifyContextOptions['res']) =>
    createContext({
      req,
      res,
      info: {
        accept: null,
        type: req.method === 'GET' ? 'query' : 'mutation',
        isBatchCall: false,
        calls: [],
        connectionParams: null,
        signal: new AbortController().signal,
        url: null,
      },
    });
}
