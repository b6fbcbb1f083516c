import { z } from 'zod';

/** The largest value of the `int4` (`integer`) columns every numeric id is stored in. */
export const MAX_ID = 2_147_483_647;

/**
 * A numeric id as every id-taking input accepts it: an integer from 1 to {@link MAX_ID}, the
 * range of its column. Anything outside is refused here with a clear message, before the
 * database could fail on it ("value is out of range for type integer").
 *
 * @param noun what the id names, for the message: `zId('a bot id')` -> "must be a bot id".
 */
export function zId(noun = 'an id') {
  const message = `must be ${noun} (an integer from 1 to ${MAX_ID})`;
  return z.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);
}

/** {@link zId} without a noun, for ids whose name the field already says. */
export const ZId = zId();

/**
 * A numeric id in a URL path (`/bots/:botId`): digits only, then {@link zId}'s range, so
 * `/bots/abc` and `/bots/2147483648` are clear 400s rather than a 404 or a database error.
 */
export function zIdPathParam(noun = 'an id') {
  return z
    .string()
    .regex(/^[0-9]{1,10}$/, `must be ${noun} (a positive integer)`)
    .transform(Number)
    .pipe(zId(noun));
}
