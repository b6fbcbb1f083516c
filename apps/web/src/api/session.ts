import type { TradewindOutputs } from './types.ts';

type Tokens = TradewindOutputs['auth']['login'];
type Listener = () => void;

/**
 * The signed-in session, held in this module's memory only: never in localStorage,
 * sessionStorage or a script-readable cookie, so an injected script cannot read a refresh
 * token out of storage, and closing the tab ends what the browser holds. The access token is
 * refreshed shortly before it expires; every refresh rotates the refresh token.
 */
let tokens: Tokens | undefined;
let expiresAt = 0;
let refreshing: Promise<void> | undefined;
const listeners = new Set<Listener>();
let refresher: ((refreshToken: string) => Promise<Tokens>) | undefined;

function notify() {
  for (const listener of listeners) listener();
}

export const session = {
  /** Called once by the API client: how a refresh token becomes a new pair. */
  setRefresher(refresh: (refreshToken: string) => Promise<Tokens>) {
    refresher = refresh;
  },
  signIn(next: Tokens) {
    tokens = next;
    // A 10 % margin (at least 5 s): a call never leaves with a token about to lapse.
    expiresAt = Date.now() + next.expiresIn * 1000 * 0.9 - 5_000;
    notify();
  },
  signOut() {
    tokens = undefined;
    notify();
  },
  user: () => tokens?.user,
  signedIn: () => tokens !== undefined,
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** A valid access token, refreshing first when it is about to expire. */
  async accessToken(): Promise<string | undefined> {
    if (!tokens) return undefined;
    if (Date.now() >= expiresAt && refresher) {
      refreshing ??= refresher(tokens.refreshToken)
        .then((next) => session.signIn(next))
        .catch(() => session.signOut())
        .finally(() => {
          refreshing = undefined;
        });
      await refreshing;
    }
    return tokens?.accessToken;
  },
};
