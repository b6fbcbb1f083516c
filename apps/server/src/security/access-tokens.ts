import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ALGORITHM = 'HS256';
const ISSUER = 'tradewind';
const AUDIENCE = 'tradewind-api';
const TOKEN_TYPE = 'access';
// Users and sessions have UUID ids; a token naming anything else is not one we issued.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AccessTokenClaims = { userId: string; sessionId: string };

/** Why a token was refused, for the error message (never for the caller to probe with). */
export type AccessTokenFailure = 'expired' | 'invalid';

/**
 * Signed JWT access tokens: one allowed algorithm, issuer and audience checked, and a `typ`
 * claim so no other token we sign can pass as an access token.
 */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly ttlSeconds: number;

  constructor(key: Buffer, ttlSeconds: number) {
    this.#key = new Uint8Array(key);
    this.ttlSeconds = ttlSeconds;
  }

  sign(claims: AccessTokenClaims, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return (
      new SignJWT({ sid: claims.sessionId, typ: TOKEN_TYPE })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        // A unique id, so two tokens issued in the same second still differ (and can be told apart in logs).
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + this.ttlSeconds)
        .sign(this.#key)
    );
  }

  async verify(
    token: string,
    now: Date,
  ): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: AccessTokenFailure }> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      // Checked here rather than trusted: a malformed id would otherwise reach the database.
      if (
        payload.typ !== TOKEN_TYPE ||
        typeof payload.sid !== 'string' ||
        !UUID.test(payload.sid) ||
        !payload.sub ||
        !UUID.test(payload.sub)
      ) {
        return { ok: false, reason: 'invalid' };
      }
      return { ok: true, claims: { userId: payload.sub, sessionId: payload.sid } };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
