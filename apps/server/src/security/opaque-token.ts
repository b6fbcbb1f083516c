import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token with a readable type prefix, e.g. `twr_…` for refresh tokens. */
export function generateToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/**
 * SHA-256 of a high-entropy token, for lookup by hash. (Passwords, which are guessable, use
 * argon2 instead; a 256-bit random token needs no key stretching.)
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
