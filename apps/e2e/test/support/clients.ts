/** SDK clients, sign-ups and expected failures, shared by every end-to-end test. */
import {
  createTradewindClient,
  isTradewindClientError,
  type TradewindClient,
} from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';

/** The password every test account registers with. */
export const PASSWORD = 'correct horse 42';

/** A client without credentials, sending `headers` (e.g. a user agent) on every call. */
export function anonymousClient(
  server: RunningServer,
  headers: Record<string, string> = {},
): TradewindClient {
  return createTradewindClient({ url: server.url, headers: () => headers });
}

/** A client that sends `Authorization: Bearer <token>` (and any extra headers) on every call. */
export function clientWithToken(
  server: RunningServer,
  token: string,
  extraHeaders: Record<string, string> = {},
): TradewindClient {
  return anonymousClient(server, { authorization: `Bearer ${token}`, ...extraHeaders });
}

/** Sends an API key as `X-API-Key`, or as `Authorization: Bearer twk_…` with `bearer`. */
export function clientWithApiKey(
  server: RunningServer,
  key: string,
  via: 'x-api-key' | 'bearer' = 'x-api-key',
): TradewindClient {
  return anonymousClient(
    server,
    via === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key },
  );
}

/** Registers an account with {@link PASSWORD}; `name` alone becomes `<name>@example.com`. */
export function registerUser(server: RunningServer, name: string, firstName = name) {
  return anonymousClient(server).auth.register.mutate({
    email: name.includes('@') ? name : `${name}@example.com`,
    password: PASSWORD,
    firstName,
  });
}

/** The same helpers bound to one server. */
export function clientsFor(server: RunningServer) {
  return {
    anonymous: () => anonymousClient(server),
    withToken: (accessToken: string) => clientWithToken(server, accessToken),
    withApiKey: (key: string, via?: 'x-api-key' | 'bearer') => clientWithApiKey(server, key, via),
    register: (email: string, firstName = 'Tester') => registerUser(server, email, firstName),
  };
}

/** The tRPC client error a call failed with; fails the test if the call succeeded. */
export async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  if (!isTradewindClientError(error)) throw error;
  return error;
}

/** The HTTP status and domain code of a failed call, for compact assertions. */
export async function failure(promise: Promise<unknown>) {
  const error = await rejection(promise);
  const data = error.data as { httpStatus?: number; domainCode?: string } | undefined;
  return { status: data?.httpStatus, code: data?.domainCode, message: error.message };
}
