// The web dashboard served by the server itself: the built app at /, deep links answered with
// index.html, the server's own paths never, and the security headers on every app response.
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the web dashboard at /', () => {
  it('serves the app with a CSP that allows no inline script and no framing', async () => {
    const response = await fetch(`${server.url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await response.text();
    expect(page).toContain('<div id="root">');
    // Every script is a file of this origin: nothing inline for the CSP to refuse.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = page.match(/<script[^>]*src="([^"]+)"/)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers deep links into the app with index.html', async () => {
    for (const path of ['/bots/12', '/developer', '/sign-in?redirect=%2Fbots']) {
      const response = await fetch(`${server.url}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('<div id="root">');
    }
  });

  it('never answers the server’s own paths with the app', async () => {
    for (const path of [
      '/api/enterprise/nope',
      '/api/nope',
      '/trpc/nope.nope',
      '/health/x',
      '/docs/x',
      '/ws/x/y',
      '/metrics/x',
    ]) {
      const response = await fetch(`${server.url}${path}`, { headers: html });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/json/);
    }
    // A missing file or a non-page request is a plain 404, not the app.
    for (const [path, headers] of [
      ['/assets/missing.js', html],
      ['/bots/12', { accept: 'application/json' }],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect(response.status, path).toBe(404);
    }
    // A miss never echoes the query string, where a credential may travel.
    const miss = await fetch(`${server.url}/nope?token=tws_not_echoed`);
    expect(miss.status).toBe(404);
    expect(await miss.text()).not.toContain('tws_not_echoed');
    // The API is where it was.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/docs`)).headers.get('content-type')).toMatch(/html/);
    expect((await fetch(`${server.url}/api/enterprise/openapi.json`)).status).toBe(200);
  });
});
