/**
 * TOTP two-factor: enrolment hands out a secret, an otpauth:// URI and a PNG QR code; a first
 * code enables it; sign-in then needs a code; each code works once; attempts are budgeted; the
 * secret is stored encrypted. Codes are computed here with `otpauth`, as an authenticator app
 * would.
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousClient,
  clientWithToken,
  PASSWORD,
  registerUser,
  rejection,
} from '../support/clients.ts';
import { rawMutation } from '../support/raw-trpc.ts';

const PERIOD_MS = 30_000;

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function authenticator(secret: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return {
    /** The code for the time step `steps` away from now. */
    code: (steps = 0) => totp.generate({ timestamp: Date.now() + steps * PERIOD_MS }),
    /** A well-formed code that is valid for no step the server accepts now. */
    wrongCode: () => {
      const near = new Set(
        [-2, -1, 0, 1, 2].map((steps) =>
          totp.generate({ timestamp: Date.now() + steps * PERIOD_MS }),
        ),
      );
      for (let candidate = 0; ; candidate++) {
        const code = String(candidate).padStart(6, '0');
        if (!near.has(code)) return code;
      }
    },
  };
}

async function enrolledUser(target: RunningServer, name: string) {
  const tokens = await registerUser(target, name);
  const client = clientWithToken(target, tokens.accessToken);
  const enrollment = await client.auth.twoFactor.enroll.mutate();
  return { tokens, client, enrollment, totp: authenticator(enrollment.secret) };
}

function login(target: RunningServer, name: string, totpCode?: string) {
  return anonymousClient(target).auth.login.mutate({
    login: `${name}@example.com`,
    password: PASSWORD,
    ...(totpCode && { totpCode }),
  });
}

describe('two-factor authentication', () => {
  it('enrolls with a secret, an otpauth:// URI and a PNG QR code, stored encrypted', async () => {
    const { tokens, enrollment } = await enrolledUser(server, 'enrol');
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrollment.provisioningUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Tradewind:enrol@example.com');
    expect(uri.searchParams.get('secret')).toBe(enrollment.secret);
    expect(uri.searchParams.get('issuer')).toBe('Tradewind');
    expect(enrollment.qrCode).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(enrollment.qrCode.slice('data:image/png;base64,'.length), 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const row = await server.deps.db.prisma.user.findUniqueOrThrow({
      where: { id: tokens.user.id },
    });
    expect(row.totpSecretEncrypted).toBeTruthy();
    expect(row.totpSecretEncrypted).not.toContain(enrollment.secret);
    expect(row.totpSecretEncrypted).not.toContain(
      Buffer.from(enrollment.secret).toString('base64url'),
    );
    expect(row.totpSecretEncrypted).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    // Enrolled is not enabled: signing in still needs no code.
    expect(row.totpEnabledAt).toBeNull();
    await expect(login(server, 'enrol')).resolves.toMatchObject({
      user: { twoFactorEnabled: false },
    });
  });

  it('enables on a valid code, then requires a code at sign-in, each code only once', async () => {
    const { client, totp } = await enrolledUser(server, 'twofa');
    const wrong = await rejection(
      client.auth.twoFactor.verify.mutate({ totpCode: totp.wrongCode() }),
    );
    expect(wrong.data?.httpStatus).toBe(400);
    expect(wrong.message).toBe('totpCode: invalid or already used code');

    const enablingCode = totp.code();
    await expect(client.auth.twoFactor.verify.mutate({ totpCode: enablingCode })).resolves.toEqual({
      success: true,
      message: '2FA enabled successfully',
    });
    expect((await client.auth.me.query()).twoFactorEnabled).toBe(true);

    const withoutCode = await rejection(login(server, 'twofa'));
    expect(withoutCode.data?.httpStatus).toBe(401);
    expect(withoutCode.message).toBe('Two-factor code required');
    expect(withoutCode.data?.details).toEqual({ twoFactorRequired: true });

    // The code that enabled 2FA was used: it cannot sign in.
    const replayed = await rejection(login(server, 'twofa', enablingCode));
    expect(replayed.data?.httpStatus).toBe(401);
    expect(replayed.message).toBe('Invalid two-factor code');

    // A fresh code (the next time step, within the allowed drift) signs in, once.
    const freshCode = totp.code(1);
    const signedIn = await login(server, 'twofa', freshCode);
    expect(signedIn.user.twoFactorEnabled).toBe(true);
    const secondUse = await rejection(login(server, 'twofa', freshCode));
    expect(secondUse.message).toBe('Invalid two-factor code');
    // Nor does a code older than the last one used.
    expect((await rejection(login(server, 'twofa', enablingCode))).message).toBe(
      'Invalid two-factor code',
    );
  });

  it('refuses concurrent uses of one code: exactly one signs in', async () => {
    const { client, totp } = await enrolledUser(server, 'race');
    await client.auth.twoFactor.verify.mutate({ totpCode: totp.code(-1) });
    const code = totp.code();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => login(server, 'race', code)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('two-factor attempt budget (real limits)', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startTestServer({ rateLimitScale: 1 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 with Retry-After once five codes were tried, even for a right code', async () => {
    const { tokens, totp } = await enrolledUser(limited, 'budget');
    const verify = (totpCode: string) =>
      rawMutation(
        limited.url,
        'auth.twoFactor.verify',
        { totpCode },
        { headers: { authorization: `Bearer ${tokens.accessToken}` } },
      );
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await verify(totp.wrongCode());
      expect(response.status, `attempt ${attempt}`).toBe(400);
    }
    const blocked = await verify(totp.code());
    expect(blocked.status).toBe(429);
    expect(blocked.message).toMatch(/^Too many two-factor attempts; try again in \d+s$/);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    const row = await limited.deps.db.prisma.user.findUniqueOrThrow({
      where: { id: tokens.user.id },
    });
    expect(row.totpEnabledAt).toBeNull();
  });

  it('spends the same budget on codes sent at sign-in', async () => {
    const { client, totp } = await enrolledUser(limited, 'signin-budget');
    await client.auth.twoFactor.verify.mutate({ totpCode: totp.code() });
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await rejection(login(limited, 'signin-budget', totp.wrongCode()));
      expect(wrong.data?.httpStatus, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await rejection(login(limited, 'signin-budget', totp.code(1)));
    expect(blocked.data?.httpStatus).toBe(429);
    expect(blocked.message).toMatch(/^Too many two-factor attempts/);
  });
});
