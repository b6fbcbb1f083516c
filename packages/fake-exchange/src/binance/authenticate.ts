import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Account } from '../trading/account.ts';
import { errors } from './errors.ts';
import type { Params } from './params.ts';

/** What a signed request carries: the key header, the raw query and body, the parsed params. */
export type RequestCredentials = {
  readonly apiKey: string | undefined;
  readonly rawQuery: string;
  readonly rawBody: string;
  readonly params: Params;
};

const MAX_RECV_WINDOW = 60_000;
const DEFAULT_RECV_WINDOW = 5_000;
// Binance accepts a timestamp up to one second ahead of its own clock.
const AHEAD_ALLOWANCE = 1_000;

/** The request's parameters with `signature` taken out, as they were signed. */
function withoutSignature(raw: string): string {
  return raw
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('signature='))
    .join('&');
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a SIGNED request as Binance does and returns its account.
 *
 * The key must be known (-2015; missing: -2014). The signature is the hex HMAC-SHA256, keyed by
 * the secret, of the query string followed directly by the body, both without the `signature`
 * parameter (-1022). The request is processed only when `timestamp < serverTime + 1000` and
 * `serverTime - timestamp <= recvWindow` (-1021); recvWindow defaults to 5000 and may not
 * exceed 60000 (-1131).
 */
export function authenticate(
  request: RequestCredentials,
  accounts: ReadonlyMap<string, Account>,
  now: number,
): Account {
  if (request.apiKey === undefined || request.apiKey === '') throw errors.apiKeyFormat();
  const account = accounts.get(request.apiKey);
  if (account === undefined) throw errors.rejectedKey();
  const timestamp = request.params.integer('timestamp');
  if (timestamp === undefined) throw errors.mandatory('timestamp');
  const signature = request.params.requiredString('signature');
  const recvWindow = request.params.integer('recvWindow') ?? DEFAULT_RECV_WINDOW;
  if (recvWindow > MAX_RECV_WINDOW || recvWindow < 0) throw errors.recvWindowTooLarge();
  const payload = withoutSignature(request.rawQuery) + withoutSignature(request.rawBody);
  const expected = createHmac('sha256', account.secret).update(payload).digest('hex');
  if (!sameText(signature.toLowerCase(), expected)) throw errors.invalidSignature();
  if (timestamp >= now + AHEAD_ALLOWANCE) throw errors.aheadOfServer();
  if (now - timestamp > recvWindow) throw errors.outsideRecvWindow();
  return account;
}
