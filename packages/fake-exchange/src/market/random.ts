/**
 * Deterministic randomness for the fake market: every draw is a pure function of its key (four
 * integers), so any candle can be computed on its own, in any order, and always comes out the
 * same. Fixed arity keeps the hot path free of allocations.
 */

function mixHalf(state: number, half: number): number {
  let k = Math.imul(half, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  let next = state ^ Math.imul(k, 0x1b873593);
  next = (next << 13) | (next >>> 19);
  return (Math.imul(next, 5) + 0xe6546b64) | 0;
}

/** Mixes a part in as two 32-bit halves, so keys up to 2^53 stay distinct (murmur3 steps). */
function mix(state: number, part: number): number {
  return mixHalf(mixHalf(state, part >>> 0), Math.floor(part / 0x1_0000_0000) >>> 0);
}

/** A uniform draw in (0, 1) for the key. */
export function uniform(a: number, b: number, c: number, d: number, e = 0): number {
  let state = mix(mix(mix(mix(mix(0x9e3779b9, a), b), c), d), e);
  state ^= state >>> 16;
  state = Math.imul(state, 0x85ebca6b);
  state ^= state >>> 13;
  state = Math.imul(state, 0xc2b2ae35);
  state ^= state >>> 16;
  return ((state >>> 0) + 0.5) / 0x1_0000_0000;
}

/** A standard normal draw for the key (Box-Muller over two keyed uniforms). */
export function gaussian(a: number, b: number, c: number, d: number): number {
  const u1 = uniform(a, b, c, d, 1);
  const u2 = uniform(a, b, c, d, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A stable 32-bit number for a string (FNV-1a), to key draws by symbol. */
export function hashString(text: string): number {
  let state = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    state ^= text.charCodeAt(index);
    state = Math.imul(state, 0x01000193);
  }
  return state >>> 0;
}
