import type { Exchange } from '../exchange.ts';
import type { Account } from '../trading/account.ts';
import type { Params } from './params.ts';

export type PublicRequest = { readonly params: Params; readonly now: number };
export type SignedRequest = PublicRequest & { readonly account: Account };

type Common = {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** Binance's request weight, fixed or depending on the parameters. */
  readonly weight: number | ((params: Params) => number);
};

/** One Binance REST endpoint: its path, weight, security and what it answers. */
export type Endpoint =
  | (Common & {
      readonly security: 'none';
      handle(request: PublicRequest, exchange: Exchange): unknown;
    })
  | (Common & {
      readonly security: 'signed';
      handle(request: SignedRequest, exchange: Exchange): unknown;
    });
