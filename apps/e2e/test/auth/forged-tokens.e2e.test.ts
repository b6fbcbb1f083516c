/**
 * Access tokens the server did not issue, or issued for something else, are refused with 401
 * and a plain message, never a 500. The tokens are forged here with jose, under the key the
 * server derives from a master key the test knows, so each case differs from a valid token in
 * exactly one property.
 */
import type { AuthTokens } from '@tradewind/core';
import { deriveKey, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../support/clients.ts';
import { type RawResponse, rawMutation, rawQuery } from '../support/raw-trpc.ts';

const SECRET_KEY = 'forged-token-suite-master-key-0123456789abcdef';
const ACCESS_KEY = new Uint8Array(deriveKey(Buffer.from(SECRET_KEY, 'utf8'), 'access-token'));
const WRONG_KEY = new Uint8Array(
  deriveKey(Buffer.from(`${SECRET_KEY}-other`, 'utf8'), 'access-token'),
);

let server: RunningServer;
let tokens: AuthTokens;
beforeAll(async () => {
  server = await startTestServer({ secretKey: SECRET_KEY });
  tokens = await registerUser(server, 'forge');
});
afterAll(async () => {
  await server?.close();
});

type Forgery = {
  claims?: JWTPayload;
  alg?: string;
  key?: Uint8Array;
  subject?: string;
  issuer?: string;
  audience?: string;
  /** Seconds relative to now. */
  issuedAt?: number;
  expiresIn?: number;
};

/** A token exactly like the server's (HS256, iss, aud, typ, sid, sub), but for `forgery`. */
function forge(forgery: Forgery = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: tokens.sessionId, typ: 'access', ...forgery.claims })
    .setProtectedHeader({ alg: forgery.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(forgery.subject ?? tokens.user.id)
    .setIssuer(forgery.issuer ?? 'tradewind')
    .setAudience(forgery.audience ?? 'tradewind-api')
    .setIssuedAt(now + (forgery.issuedAt ?? 0))
    .setExpirationTime(now + (forgery.expiresIn ?? 3_600))
    .sign(forgery.key ?? ACCESS_KEY);
}

function me(authorization: string): Promise<RawResponse> {
  return rawQuery(server.url, 'auth.me', undefined, { headers: { authorization } });
}

function expectRefused(response: RawResponse, message: string | RegExp) {
  expect(response.status).toBe(401);
  expect(response.message).toMatch(message);
  expect(JSON.stringify(response.body)).toContain('"domainCode":"AUTH_INVALID"');
}

describe('forged access tokens', () => {
  it('accepts a token forged with the right key and claims (the baseline every case departs from)', async () => {
    const response = await me(`Bearer ${await forge()}`);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain(tokens.user.id);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = new UnsecuredJWT({ sid: tokens.sessionId, typ: 'access' })
      .setSubject(tokens.user.id)
      .setIssuer('tradewind')
      .setAudience('tradewind-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 3_600)
      .encode();
    expect(unsigned.split('.')[2]).toBe('');
    expectRefused(await me(`Bearer ${unsigned}`), 'Invalid access token');
    // The same with the valid signature of a real token glued on.
    const signature = tokens.accessToken.split('.')[2];
    expectRefused(await me(`Bearer ${unsigned}${signature}`), 'Invalid access token');
  });

  it('refuses a token signed with another key', async () => {
    expectRefused(await me(`Bearer ${await forge({ key: WRONG_KEY })}`), 'Invalid access token');
  });

  it('refuses a token signed with the right key but another algorithm (HS512)', async () => {
    expectRefused(await me(`Bearer ${await forge({ alg: 'HS512' })}`), 'Invalid access token');
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    expectRefused(
      await me(`Bearer ${await forge({ audience: 'someone-else' })}`),
      'Invalid access token',
    );
    expectRefused(
      await me(`Bearer ${await forge({ issuer: 'not-tradewind' })}`),
      'Invalid access token',
    );
  });

  it('refuses an expired token, saying it expired', async () => {
    const expired = await forge({ issuedAt: -7_200, expiresIn: -3_600 });
    expectRefused(await me(`Bearer ${expired}`), 'Access token expired');
  });

  it('refuses a token whose typ is not access, or that has none', async () => {
    expectRefused(
      await me(`Bearer ${await forge({ claims: { typ: 'refresh' } })}`),
      'Invalid access token',
    );
    expectRefused(
      await me(`Bearer ${await forge({ claims: { typ: undefined } })}`),
      'Invalid access token',
    );
  });

  it('refuses a token naming a session that does not exist, or belongs to someone else', async () => {
    const other = await registerUser(server, 'forge-other');
    expectRefused(
      await me(`Bearer ${await forge({ claims: { sid: crypto.randomUUID() } })}`),
      'Invalid access token',
    );
    // My user id with the other user's session.
    expectRefused(
      await me(`Bearer ${await forge({ claims: { sid: other.sessionId } })}`),
      'Invalid access token',
    );
  });

  it('refuses malformed session and subject ids with 401, not a database error', async () => {
    expectRefused(
      await me(`Bearer ${await forge({ claims: { sid: 'not-a-uuid' } })}`),
      'Invalid access token',
    );
    expectRefused(
      await me(`Bearer ${await forge({ claims: { sid: 42 } })}`),
      'Invalid access token',
    );
    expectRefused(
      await me(`Bearer ${await forge({ subject: "1' OR '1'='1" })}`),
      'Invalid access token',
    );
  });

  it('refuses a real token whose payload was edited', async () => {
    const [header, payload, signature] = tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const edited = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString(
      'base64url',
    );
    expectRefused(await me(`Bearer ${header}.${edited}.${signature}`), 'Invalid access token');
  });

  it('keeps refresh and access tokens apart', async () => {
    // A valid refresh token is not an access token...
    expect(tokens.refreshToken).toMatch(/^twr_/);
    expectRefused(await me(`Bearer ${tokens.refreshToken}`), 'Invalid access token');
    // ...and a valid access token is not a refresh token.
    const refreshed = await rawMutation(server.url, 'auth.refresh', {
      refreshToken: tokens.accessToken,
    });
    expectRefused(refreshed, 'Invalid or expired refresh token');
    // Both still work for what they are.
    expect((await me(`Bearer ${tokens.accessToken}`)).status).toBe(200);
  });

  it('refuses an Authorization header that is not a bearer token instead of ignoring it', async () => {
    expectRefused(await me('Basic Zm9yZ2U6cGFzc3dvcmQ='), 'Malformed Authorization header');
    expectRefused(await me(`Bearer ${tokens.accessToken} extra`), 'Malformed Authorization header');
    // Sign-in and reset need no identity, so they read none: a stale or odd header must not
    // stand between a user and signing in (issue 12 item 10).
    const reset = await rawMutation(
      server.url,
      'auth.passwordReset.request',
      { email: 'forge@example.com' },
      { headers: { authorization: 'Basic Zm9yZ2U6cGFzc3dvcmQ=' } },
    );
    expect(reset.status).toBe(200);
  });

  it('refuses garbage in place of a token', async () => {
    for (const garbage of ['x', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9..', '....', 'A'.repeat(4_000)]) {
      expectRefused(await me(`Bearer ${garbage}`), 'Invalid access token');
    }
  });
});
