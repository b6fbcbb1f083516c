import { InvalidArgumentError } from 'commander';

/** A prompt validator: six digits, as authenticator apps show them. */
export function validateTotpCode(value: string): true | string {
  return /^\d{6}$/.test(value.trim()) || 'must be the 6 digits your authenticator app shows';
}

/** A commander argument parser for a two-factor code. */
export function parseTotpCode(value: string): string {
  const valid = validateTotpCode(value);
  if (valid !== true) throw new InvalidArgumentError(`${valid}.`);
  return value.trim();
}
