import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { Command } from 'commander';

export const DEFAULT_SERVER_URL = 'http://localhost:8001';

export type GlobalOptions = { url: string };

/** The options every command shares, read from the root program. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** An SDK client for the server the operator pointed at. */
export function clientFor(options: GlobalOptions): TradewindClient {
  return createTradewindClient({ url: options.url });
}
