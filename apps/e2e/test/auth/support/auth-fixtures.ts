/** Small helpers the auth end-to-end tests share: clients, sign-ups, expected failures. */
import {
  createTradewindClient,
  isTradewindClientError,
  type TradewindClient,
} from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';

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
  return createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${token}`, ...extraHeaders }),
  });
}

/** Registers `<name>@example.com` with {@link PASSWORD}; returns the first session's tokens. */
export function registerUser(server: RunningServer, name: string) {
  return anonymousClient(server).auth.register.mutate({
    email: `${name}@example.com`,
    password: PASSWORD,
    firstName: name,
  });
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
