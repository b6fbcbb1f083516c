import type { AppRouter } from '@tradewind/server';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
  wsLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource as NodeEventSource } from 'eventsource';
import superjson from 'superjson';
import NodeWebSocket from 'ws';

/** Extra request headers, computed per request (e.g. a fresh access token or an API key). */
export type HeadersHook = () => Record<string, string> | Promise<Record<string, string>>;

export type TradewindClientOptions = {
  /** Server base URL, e.g. `http://localhost:8001`; tRPC lives under `/trpc`. */
  url: string;
  /** How subscriptions travel: one WebSocket shared by all, or one SSE stream each. */
  subscriptions?: 'websocket' | 'sse';
  /** Sent on every HTTP call and SSE stream, and as WebSocket connection params. */
  headers?: HeadersHook;
  /** A WebSocket implementation; Node 20 has none built in, so `ws` is the default. */
  WebSocket?: typeof globalThis.WebSocket;
  /** An EventSource implementation; defaults to the `eventsource` package. */
  EventSource?: typeof globalThis.EventSource;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
};

export type TradewindClient = TRPCClient<AppRouter>;

/** Every procedure's input, by path: `TradewindInputs['apiKeys']['create']`. */
export type TradewindInputs = inferRouterInputs<AppRouter>;
/** Every procedure's output, by path: `TradewindOutputs['auth']['me']`. */
export type TradewindOutputs = inferRouterOutputs<AppRouter>;

/**
 * A fully typed client for the Tradewind tRPC API: queries and mutations go over HTTP with
 * batching; subscriptions over WebSocket (opened lazily, closed when idle) or SSE.
 */
export function createTradewindClient(options: TradewindClientOptions): TradewindClient {
  const base = options.url.replace(/\/+$/, '');
  const httpUrl = `${base}/trpc`;
  const headers = options.headers ?? (() => ({}));
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const subscriptionLink: TRPCLink<AppRouter> =
    options.subscriptions === 'websocket'
      ? wsLink({
          transformer: superjson,
          client: createWSClient({
            url: httpUrl.replace(/^http/, 'ws'),
            WebSocket: options.WebSocket ?? (NodeWebSocket as unknown as typeof WebSocket),
            connectionParams: headers,
            // Open on the first subscription, close once none is left, so an idle client
            // holds no socket and never keeps a script alive.
            lazy: { enabled: true, closeMs: 0 },
          }),
        })
      : httpSubscriptionLink({
          url: httpUrl,
          transformer: superjson,
          EventSource: options.EventSource ?? (NodeEventSource as unknown as typeof EventSource),
          eventSourceOptions: async () => {
            const extra = await headers();
            return {
              fetch: (input: string | URL | Request, init?: RequestInit) =>
                fetchImpl(input, { ...init, headers: { ...init?.headers, ...extra } }),
            } as EventSourceInit;
          },
        });

  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: subscriptionLink,
        false: httpBatchLink({ url: httpUrl, transformer: superjson, headers, fetch: fetchImpl }),
      }),
    ],
  });
}
