import type { ExchangeCredentials } from '@tradewind/venues';
import type { SecretBox } from '../../security/secret-box.ts';

/** Seals the credentials as one JSON value, so they are stored (and rotated) together. */
export function sealCredentials(box: SecretBox, credentials: ExchangeCredentials): string {
  return box.encrypt(JSON.stringify(credentials));
}

export function openCredentials(box: SecretBox, sealed: string): ExchangeCredentials {
  return JSON.parse(box.decrypt(sealed)) as ExchangeCredentials;
}

/** The credentials from the tRPC field names (`apiSecret`) to the venue's (`secret`). */
export function credentialsOf(input: {
  apiKey: string;
  apiSecret: string;
  passphrase?: string | undefined;
}): ExchangeCredentials {
  return {
    apiKey: input.apiKey,
    secret: input.apiSecret,
    ...(input.passphrase !== undefined && { passphrase: input.passphrase }),
  };
}

/**
 * Replaces every credential value in `text` with `***`: exchange libraries echo requests in
 * their errors, and a message must never carry a key, a secret or a passphrase out.
 */
export function scrubCredentials(
  text: string,
  credentials: ExchangeCredentials | undefined,
): string {
  if (!credentials) return text;
  let scrubbed = text;
  for (const value of [credentials.secret, credentials.passphrase, credentials.apiKey]) {
    // Very short values would blank out ordinary words; real credentials are long.
    if (value && value.length >= 6) scrubbed = scrubbed.split(value).join('***');
  }
  return scrubbed;
}
