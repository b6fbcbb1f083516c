export { isTRPCClientError as isTradewindClientError } from '@trpc/client';
export {
  createTokenSession,
  type SessionTokens,
  sessionTokensFrom,
  type TokenSession,
  type TokenSessionOptions,
} from './create-token-session.ts';
export {
  createTradewindClient,
  type HeadersHook,
  type TradewindClient,
  type TradewindClientOptions,
  type TradewindInputs,
  type TradewindOutputs,
} from './create-tradewind-client.ts';
