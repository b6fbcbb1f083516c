export { isTRPCClientError as isTradewindClientError } from '@trpc/client';
export {
  createTradewindClient,
  type HeadersHook,
  type TradewindClient,
  type TradewindClientOptions,
} from './create-tradewind-client.ts';
