import { createTradewindClient, type HeadersHook } from './create-tradewind-client.ts';

/** What a signed-in client keeps between runs; JSON-friendly so it can be written to disk. */
export type SessionTokens = {
  accessToken: string;
  /** Single use: every refresh returns a new one, and only the newest is valid. */
  refreshToken: string;
  /** When the access token expires, ISO 8601. */
  accessTokenExpiresAt: string;
  sessionId: string;
};

/** The token part of an `auth.login`, `auth.register` or `auth.refresh` answer. */
type IssuedTokens = {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  sessionId: string;
};

/**
 * Turns a login, register or refresh answer into {@link SessionTokens}, dating the access
 * token's expiry from `now` (the moment the answer arrived).
 */
export function sessionTokensFrom(issued: IssuedTokens, now: Date = new Date()): SessionTokens {
  return {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    accessTokenExpiresAt: new Date(now.getTime() + issued.expiresIn * 1000).toISOString(),
    sessionId: issued.sessionId,
  };
}

export type TokenSessionOptions = {
  /** Server base URL, the same one the client uses. */
  url: string;
  /** The tokens from login (see {@link sessionTokensFrom}) or from the last `onTokens`. */
  tokens: SessionTokens;
  /**
   * Called with every new pair. Refresh tokens rotate on every use, so persist this pair:
   * the previous refresh token no longer works.
   */
  onTokens?: (tokens: SessionTokens) => void | Promise<void>;
  /** Refresh this long before the access token expires; default 30 seconds. */
  refreshLeewaySeconds?: number;
  /** A fetch implementation for the refresh call and the retry; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
};

/** A signed-in session whose access token renews itself; wire it into the client. */
export type TokenSession = {
  /** The `headers` hook: `authorization: Bearer <access token>`, refreshed when near expiry. */
  headers: HeadersHook;
  /** The `fetch` to give the client: retries a call once, after refreshing, on "Access token expired". */
  fetch: typeof globalThis.fetch;
  /** The current pair. */
  tokens(): SessionTokens;
  /** Refreshes now (concurrent callers share one refresh) and returns the new pair. */
  refresh(): Promise<SessionTokens>;
};

// The server's message for a well-formed access token past its expiry. Other 401s (ended
// session, bad signature) are final: refreshing would not help, so they are not retried.
const EXPIRED_ACCESS_TOKEN = 'Access token expired';

/**
 * Keeps a client signed in with the short-lived access token and rotating refresh token that
 * `auth.login` returns: the access token is refreshed through `auth.refresh` shortly before it
 * expires, and once more if the server still answers "Access token expired" (a clock that
 * runs behind the server's). Each new pair goes to `onTokens`, for the caller to persist.
 *
 * @example
 * const session = createTokenSession({ url, tokens, onTokens: save });
 * const client = createTradewindClient({ url, headers: session.headers, fetch: session.fetch });
 */
export function createTokenSession(options: TokenSessionOptions): TokenSession {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const leewayMs = (options.refreshLeewaySeconds ?? 30) * 1000;
  // Refresh calls carry no access token: an expired one would be refused before the refresh.
  const anonymous = createTradewindClient({ url: options.url, fetch: baseFetch });
  let current = options.tokens;
  let inFlight: Promise<SessionTokens> | undefined;

  const refresh = (): Promise<SessionTokens> => {
    inFlight ??= (async () => {
      try {
        const issued = await anonymous.auth.refresh.mutate({ refreshToken: current.refreshToken });
        current = sessionTokensFrom(issued);
        await options.onTokens?.(current);
        return current;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const headers: HeadersHook = async () => {
    const expiresAt = Date.parse(current.accessTokenExpiresAt);
    // An unreadable expiry counts as expired, so a damaged store costs one refresh, not a failure.
    if (!(expiresAt - leewayMs > Date.now())) await refresh();
    return { authorization: `Bearer ${current.accessToken}` };
  };

  const sessionFetch: typeof globalThis.fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.status !== 401) return response;
    const sent = new Headers(init?.headers);
    const bearer = sent.get('authorization');
    if (
      !bearer?.startsWith('Bearer ') ||
      !(await response.clone().text()).includes(EXPIRED_ACCESS_TOKEN)
    ) {
      return response;
    }
    // Another call may have refreshed meanwhile; refresh only if this one sent the current token.
    if (bearer === `Bearer ${current.accessToken}`) await refresh();
    sent.set('authorization', `Bearer ${current.accessToken}`);
    return baseFetch(input, { ...init, headers: sent });
  };

  return { headers, fetch: sessionFetch, tokens: () => current, refresh };
}
