import type { FastifyRequest, FastifyLogFn as LogFn } from 'fastify';

/**
 * The one list of what never reaches a log line: the headers that carry credentials, the query
 * parameters that do (browsers and TradingView cannot set headers, so tokens ride in URLs:
 * `/api/ws?token=eyJ...`, `/api/realtime/events?token=twk_...`, `/webhooks/tradingview?token=tvw_...`),
 * and, whatever their name, values shaped like this server's tokens (JWTs and the `tw*_`/`tvw_`
 * opaque tokens) anywhere in a URL.
 */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
] as const;

export const CREDENTIAL_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'token',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'api_key',
  'apikey',
  'x-api-key',
  'key',
  'secret',
  'password',
]);

/** JWTs (`eyJ...`) and opaque tokens: API keys, secrets, refresh, reset, TradingView. */
const CREDENTIAL_VALUE = /(eyJ[\w-]*\.[\w-]*\.[\w-]*|\b(?:twk|tws|twr|twp|tvw)_[\w-]+)/g;

export const REDACTED = '[REDACTED]';

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A query parameter inside a URL or a message quoting one: `?name=value` or `&name=value`. */
const QUERY_PARAMETER = /([?&])([^=&\s"'#]+)=([^&\s"'#]*)/g;

/**
 * The text (a URL, or a message quoting one, like Fastify's "Route GET:/x?token=... not
 * found") with credential parameters' values and anything token-shaped replaced.
 */
export function redactText(text: string): string {
  return text
    .replace(QUERY_PARAMETER, (whole, separator: string, name: string) =>
      CREDENTIAL_QUERY_PARAMETERS.has(decoded(name).toLowerCase())
        ? `${separator}${name}=${REDACTED}`
        : whole,
    )
    .replace(CREDENTIAL_VALUE, REDACTED);
}

/** Pino `redact` paths: credential headers wherever a request or its headers are logged. */
const HEADER_PATHS = CREDENTIAL_HEADERS.flatMap((header) => [
  `req.headers["${header}"]`,
  `request.headers["${header}"]`,
  `headers["${header}"]`,
  `res.headers["${header}"]`,
]);

/**
 * The logger options that keep credentials out of the log: a request serializer (Fastify's
 * fields, with the URL redacted) and header redaction. Spread into Fastify's `logger` options;
 * how lines are printed (JSON, pretty on a TTY) is the transport's business, not this module's.
 */
export const logRedaction = {
  redact: { paths: HEADER_PATHS, censor: REDACTED },
  hooks: {
    /** Messages are redacted too: Fastify's own (404s, errors) quote the URL. */
    logMethod(this: unknown, args: Parameters<LogFn>, method: LogFn): void {
      const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
      method.apply(this, redacted as Parameters<LogFn>);
    },
  },
  serializers: {
    req(request: FastifyRequest) {
      return {
        method: request.method,
        url: redactText(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      };
    },
  },
};
