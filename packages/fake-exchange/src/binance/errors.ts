import { BinanceError } from './binance-error.ts';

/** The Binance spot errors the fake answers, with Binance's own codes, statuses and messages. */
export const errors = {
  unknown: () =>
    new BinanceError(500, -1000, 'An unknown error occurred while processing the request.'),
  mandatory: (name: string) =>
    new BinanceError(
      400,
      -1102,
      `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
    ),
  illegalCharacters: (name: string) =>
    new BinanceError(400, -1100, `Illegal characters found in parameter '${name}'.`),
  invalidValue: (name: string) =>
    new BinanceError(400, -1130, `Data sent for parameter '${name}' is not valid.`),
  invalidSymbol: () => new BinanceError(400, -1121, 'Invalid symbol.'),
  invalidInterval: () => new BinanceError(400, -1120, 'Invalid interval.'),
  recvWindowTooLarge: () => new BinanceError(400, -1131, 'recvWindow must be less than 60000'),
  outsideRecvWindow: () =>
    new BinanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  aheadOfServer: () =>
    new BinanceError(
      400,
      -1021,
      "Timestamp for this request was 1000ms ahead of the server's time.",
    ),
  invalidSignature: () => new BinanceError(400, -1022, 'Signature for this request is not valid.'),
  apiKeyFormat: () => new BinanceError(401, -2014, 'API-key format invalid.'),
  rejectedKey: () =>
    new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  tooMuchWeight: (limit: number, retryAfterSeconds: number) =>
    new BinanceError(
      429,
      -1003,
      `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  banned: (until: number, retryAfterSeconds: number) =>
    new BinanceError(
      418,
      -1003,
      `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
