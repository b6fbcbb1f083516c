import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Paths that belong to the server, never to the web app: a miss under them stays a JSON 404
 * instead of falling back to the app's index.html.
 */
export const SERVER_PATH_PREFIXES = [
  '/api',
  '/trpc',
  '/health',
  '/ready',
  '/metrics',
  '/ws',
  '/websocket',
  '/docs',
] as const;

/**
 * The headers of every web app response. Scripts only from this origin (the build has no
 * inline script); styles may be inline because the headless components position popovers
 * with style elements; never framed; streams and calls only to this origin.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.txt', '.json']);

type WebFile = { body: Buffer; gzipped?: Buffer; type: string; cacheControl: string };

/** Where `pnpm install` builds the app (apps/web/dist), from the sources or the server bundle. */
function defaultWebDirectory(): string | undefined {
  const candidates = ['../../web/dist', '../../../web/dist'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((candidate) => existsSync(path.join(candidate, 'index.html')));
}

function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory()
      ? filesUnder(full, `${prefix}${name}/`)
      : [`${prefix}${name}`];
  });
}

/** The built app read once into memory: a few hundred kB, served without touching the disk. */
function loadWebFiles(directory: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const relative of filesUnder(directory)) {
    const extension = path.extname(relative);
    const body = readFileSync(path.join(directory, relative));
    files.set(`/${relative}`, {
      body,
      ...(COMPRESSIBLE.has(extension) && { gzipped: gzipSync(body) }),
      type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // Vite names assets by content hash, so they never change; index.html always might.
      cacheControl: relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
  }
  return files;
}

function isServerPath(url: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile) {
  const gzip = file.gzipped && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  reply.headers(SECURITY_HEADERS).header('cache-control', file.cacheControl).type(file.type);
  reply.header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? file.gzipped : file.body);
}

/**
 * The web dashboard (apps/web, built at install) at `/` on the API's origin. Its files are
 * served as they are; any other GET that asks for HTML outside the server's own paths gets
 * index.html, so deep links into the app work. Without a build the server runs as before.
 */
export function registerWebApp(app: FastifyInstance, directory = defaultWebDirectory()): void {
  if (!directory) {
    app.log.warn('web dashboard not built (apps/web/dist missing): serving the API only');
    return;
  }
  const files = loadWebFiles(directory);
  const index = files.get('/index.html');
  if (!index) return;
  for (const [url, file] of files) {
    app.get(url, (request, reply) => send(request, reply, file));
  }
  app.get('/', (request, reply) => send(request, reply, index));
  app.setNotFoundHandler((request, reply) => {
    // The path only: a query string may carry a credential (`?token=`), never echoed.
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      String(request.headers.accept ?? '').includes('text/html') &&
      !isServerPath(pathname) &&
      !path.extname(pathname);
    if (wantsPage) return send(request, reply, index);
    return reply.code(404).send({
      message: `Route ${request.method}:${pathname} not found`,
      error: 'Not Found',
      statusCode: 404,
    });
  });
}
