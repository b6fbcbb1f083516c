import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  wsLink,
} from '@trpc/client';
import superjson from 'superjson';
import { connection } from '../live/connection.ts';
import { session } from './session.ts';
import type { AppRouter } from './types.ts';

const origin = window.location.origin;

async function authorization(): Promise<Record<string, string>> {
  const token = await session.accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

// One WebSocket for every subscription, opened on the first and closed when none is left; its
// connection params carry the access token (browsers cannot set WebSocket headers). tRPC
// reconnects by itself and resumes tracked streams from the last event id it saw.
const wsClient = createWSClient({
  url: `${origin.replace(/^http/, 'ws')}/trpc`,
  connectionParams: authorization,
  lazy: { enabled: true, closeMs: 0 },
  onOpen: () => connection.set('open'),
  onClose: () => connection.set('lost'),
});

// SSE instead, where WebSocket is unavailable (`?transport=sse`, or no WebSocket at all).
const useSse =
  typeof WebSocket === 'undefined' ||
  new URLSearchParams(window.location.search).get('transport') === 'sse';

/** The typed tRPC client of the whole API, the same `AppRouter` type as the SDK's. */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (operation) => operation.type === 'subscription',
      true: useSse
        ? httpSubscriptionLink({
            url: '/trpc',
            transformer: superjson,
            connectionParams: authorization,
          })
        : wsLink({ client: wsClient, transformer: superjson }),
      false: httpBatchLink({ url: '/trpc', transformer: superjson, headers: authorization }),
    }),
  ],
});

session.setRefresher((refreshToken) => api.auth.refresh.mutate({ refreshToken }));
