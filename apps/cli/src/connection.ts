import type { SessionTokens, TradewindClient } from '@tradewind/sdk';
import type { Command } from 'commander';
import { CliError, describeError } from './cli-error.ts';
import { configDirectory } from './credentials/config-directory.ts';
import {
  CredentialsStore,
  type Profile,
  type StoredSession,
} from './credentials/credentials-store.ts';
import {
  DEFAULT_PROFILE,
  DEFAULT_SERVER_URL,
  globalOptions,
  normalizeServerUrl,
  requestedServerUrl,
} from './global-options.ts';
import { loadSdk } from './sdk.ts';
import { fetchWithUserAgent } from './user-agent.ts';

/**
 * Which credentials a command sends: `none` (login, password reset); `optional` (public
 * calls, which still send what there is); `required` (the API key from TRADEWIND_API_KEY, or
 * else the profile's session); `session` (only the profile's session, e.g. logout).
 */
export type AuthMode = 'none' | 'optional' | 'required' | 'session';

export type Connection = {
  client: TradewindClient;
  /** The server every call goes to. */
  url: string;
  profileName: string;
  store: CredentialsStore;
  /** The profile as it was when the command started. */
  profile: Profile | undefined;
  /** What the calls authenticate with. */
  auth: 'apiKey' | 'session' | 'none';
  /** The signed-in session, when `auth` is `session`. */
  session?: StoredSession;
};

/** The store in the config directory (TRADEWIND_CONFIG_DIR or the platform default). */
export function credentialsStore(): CredentialsStore {
  return new CredentialsStore(configDirectory());
}

/** `tradewind login`, plus `--profile` when it is not the default one and `--url` if given. */
export function loginHint(profileName: string, url?: string): string {
  const profile = profileName === DEFAULT_PROFILE ? '' : ` --profile ${profileName}`;
  return `\`tradewind login${profile}${url ? ` --url ${url}` : ''}\``;
}

/**
 * The server URL for this run: `--url`, then TRADEWIND_URL, then the server the profile
 * signed in to, then the default.
 */
export async function resolveServerUrl(command: Command): Promise<string> {
  const options = globalOptions(command);
  const requested = requestedServerUrl(options);
  if (requested) return requested;
  const profile = await credentialsStore().profile(options.profile);
  return normalizeServerUrl(profile?.url ?? DEFAULT_SERVER_URL);
}

/**
 * Connects to the server with the credentials `mode` asks for (see {@link AuthMode}).
 * `serverUrl` overrides the run's URL (logout goes to the server the profile signed in to).
 */
export async function connect(
  command: Command,
  mode: AuthMode,
  serverUrl?: string,
): Promise<Connection> {
  const options = globalOptions(command);
  const store = credentialsStore();
  const profile = await store.profile(options.profile);
  const requested = serverUrl ? normalizeServerUrl(serverUrl) : requestedServerUrl(options);
  const url = requested ?? normalizeServerUrl(profile?.url ?? DEFAULT_SERVER_URL);
  const base = { url, profileName: options.profile, store, profile };
  const { createTokenSession, createTradewindClient } = await loadSdk();

  const apiKey = process.env.TRADEWIND_API_KEY;
  if (apiKey && (mode === 'optional' || mode === 'required')) {
    const client = createTradewindClient({
      url,
      headers: () => ({ 'x-api-key': apiKey }),
      fetch: fetchWithUserAgent,
    });
    return { ...base, client, auth: 'apiKey' };
  }

  const stored = profile?.session;
  // Tokens are only ever sent to the server that issued them.
  const session = stored && normalizeServerUrl(profile.url) === url ? stored : undefined;
  if (mode === 'none' || (mode === 'optional' && !session)) {
    return {
      ...base,
      client: createTradewindClient({ url, fetch: fetchWithUserAgent }),
      auth: 'none',
    };
  }
  if (!session) throw notSignedIn(options.profile, profile, url, mode);

  const tokenSession = createTokenSession({
    url,
    tokens: session,
    fetch: fetchWithUserAgent,
    onTokens: (tokens) => saveRotatedTokens(store, options.profile, tokens),
  });
  const client = createTradewindClient({
    url,
    headers: tokenSession.headers,
    fetch: tokenSession.fetch,
  });
  return { ...base, client, auth: 'session', session };
}

/** Why there is no session to use, and how to get one. */
function notSignedIn(
  profileName: string,
  profile: Profile | undefined,
  url: string,
  mode: AuthMode,
): CliError {
  if (profile?.session) {
    return new CliError(
      `profile "${profileName}" is signed in to ${profile.url}, not ${url}; run ${loginHint(profileName, url)} to sign in there, or choose another --profile`,
    );
  }
  const orApiKey = mode === 'required' ? ' or set TRADEWIND_API_KEY' : '';
  return new CliError(
    `not signed in (profile "${profileName}"); run ${loginHint(profileName)}${orApiKey}`,
  );
}

/**
 * Runs `use` with a connection; when the profile's session is refused (ended, expired,
 * revoked), the one-line error says how to sign in again.
 */
export async function withConnection<T>(
  command: Command,
  mode: AuthMode,
  use: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await connect(command, mode);
  try {
    return await use(connection);
  } catch (error) {
    const { isTradewindClientError } = await loadSdk();
    if (
      connection.auth === 'session' &&
      isTradewindClientError(error) &&
      error.data?.code === 'UNAUTHORIZED'
    ) {
      throw new CliError(
        `${await describeError(error, connection.url)}; run ${loginHint(connection.profileName)} to sign in again`,
      );
    }
    throw error;
  }
}

/**
 * Persists a refreshed pair: the old refresh token is spent, so losing this write would sign
 * the profile out. A failed write is reported, not fatal: the call itself succeeded.
 */
async function saveRotatedTokens(
  store: CredentialsStore,
  profileName: string,
  tokens: SessionTokens,
): Promise<void> {
  try {
    await store.updateProfile(profileName, (current) =>
      current?.session ? { ...current, session: { ...current.session, ...tokens } } : current,
    );
  } catch (error) {
    process.stderr.write(
      `tradewind: warning: could not save the refreshed session to ${store.file} (${
        error instanceof Error ? error.message : String(error)
      }); you may have to sign in again\n`,
    );
  }
}
