import {
  createTradewindClient,
  isTradewindClientError,
  type TradewindClient,
} from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';

/** The password every account in these tests registers with. */
export const TEST_PASSWORD = 'correct horse battery 42';

/** Clients of one test server, signed in one way or another, through the real SDK. */
export function clientsFor(server: RunningServer) {
  return {
    anonymous: (): TradewindClient => createTradewindClient({ url: server.url }),
    withToken: (accessToken: string): TradewindClient =>
      createTradewindClient({
        url: server.url,
        headers: () => ({ authorization: `Bearer ${accessToken}` }),
      }),
    /** Sends the key as `X-API-Key`, or as `Authorization: Bearer twk_…` with `bearer`. */
    withApiKey: (key: string, via: 'x-api-key' | 'bearer' = 'x-api-key'): TradewindClient =>
      createTradewindClient({
        url: server.url,
        headers: (): Record<string, string> =>
          via === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key },
      }),
    /** Registers an account (password {@link TEST_PASSWORD}) and returns its tokens. */
    register: (email: string, firstName = 'Tester') =>
      createTradewindClient({ url: server.url }).auth.register.mutate({
        email,
        password: TEST_PASSWORD,
        firstName,
      }),
  };
}

/** The tRPC error a call failed with; fails the test if the call succeeded. */
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
