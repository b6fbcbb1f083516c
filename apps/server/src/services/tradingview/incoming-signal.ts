import type { User } from '@tradewind/db';

/** A TradingView webhook call whose token authenticated `owner`. */
export type IncomingSignal = {
  owner: User;
  token: string;
  rawBody: string;
  /** The body parsed as a JSON object, or what is wrong with it. */
  body: { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };
  /** `X-TradingView-Signature`, when the sender set one. */
  signature: string | undefined;
  sourceIp: string;
};
