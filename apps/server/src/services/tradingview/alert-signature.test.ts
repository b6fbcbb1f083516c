import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureMatches } from './alert-signature.ts';

const body = '{"symbol":"AAPL","botname":"Swing","side":"buy"}';
const token = 'tvw_example-token';
const hex = createHmac('sha256', token).update(body).digest('hex');

describe('signatureMatches', () => {
  it('accepts the HMAC of the exact body keyed with the token, with or without sha256=', () => {
    expect(signatureMatches(body, token, `sha256=${hex}`)).toBe(true);
    expect(signatureMatches(body, token, hex.toUpperCase())).toBe(true);
  });

  it('refuses another body, another key, and malformed signatures', () => {
    expect(signatureMatches(`${body} `, token, hex)).toBe(false);
    expect(signatureMatches(body, 'tvw_other', hex)).toBe(false);
    expect(signatureMatches(body, token, 'sha256=xyz')).toBe(false);
    expect(signatureMatches(body, token, hex.slice(0, 62))).toBe(false);
  });
});
