import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_ID, ZId, zId, zIdPathParam } from './id.ts';
import { FREE_FORM_JSON_LIMITS, findJsonProblem, zFreeFormRecord } from './safe-json.ts';
import { ZSafeString } from './safe-string.ts';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

describe('zId', () => {
  it('accepts 1 to the int4 maximum and refuses the rest with the noun', () => {
    expect(ZId.parse(1)).toBe(1);
    expect(ZId.parse(MAX_ID)).toBe(MAX_ID);
    for (const bad of [0, -1, 1.5, MAX_ID + 1, 2 ** 53, '1']) {
      expect(ZId.safeParse(bad).success).toBe(false);
    }
    expect(zId('a bot id').safeParse(MAX_ID + 1).error?.issues[0]?.message).toBe(
      'must be a bot id (an integer from 1 to 2147483647)',
    );
  });

  it('reads path parameters as digits within range', () => {
    expect(zIdPathParam().parse('42')).toBe(42);
    expect(zIdPathParam().safeParse('2147483648').success).toBe(false);
    expect(zIdPathParam().safeParse('99999999999999999').success).toBe(false);
    expect(zIdPathParam().safeParse('1e3').success).toBe(false);
  });
});

describe('ZSafeString', () => {
  it('refuses NUL and unpaired surrogates but keeps paired ones', () => {
    expect(ZSafeString.parse('caf\u00e9 \ud83d\ude00')).toBe('caf\u00e9 \ud83d\ude00');
    expect(ZSafeString.safeParse('a\u0000b').error?.issues[0]?.message).toMatch(/NUL/);
    expect(ZSafeString.safeParse('a\ud800b').error?.issues[0]?.message).toMatch(/surrogate/);
    expect(ZSafeString.safeParse('\udc00').success).toBe(false);
    expect(ZSafeString.safeParse('x\ud83d').success).toBe(false);
  });

  it('chains with the usual string checks', () => {
    expect(ZSafeString.trim().min(1).safeParse('  ').success).toBe(false);
    expect(ZSafeString.trim().min(1).safeParse(' \u0000 ').success).toBe(false);
  });
});

describe('findJsonProblem', () => {
  it('names forbidden keys at any depth', () => {
    const input = JSON.parse('{"a":{"b":[{"__proto__":1}]}}');
    expect(findJsonProblem(input, FREE_FORM_JSON_LIMITS)).toEqual({
      path: ['a', 'b', 0, '__proto__'],
      message: 'the key "__proto__" is not allowed',
    });
    expect(findJsonProblem({ constructor: 1 }, FREE_FORM_JSON_LIMITS)?.path).toEqual([
      'constructor',
    ]);
  });

  it('bounds depth and size without recursing through a 5,000-deep value', () => {
    expect(findJsonProblem(nested(10), { maxDepth: 10, maxNodes: 100 })).toBeUndefined();
    expect(findJsonProblem(nested(11), { maxDepth: 10, maxNodes: 100 })?.message).toBe(
      'is nested too deeply: at most 10 levels',
    );
    expect(findJsonProblem(nested(5_000), { maxDepth: 64, maxNodes: 1e6 })?.path).toHaveLength(64);
    expect(findJsonProblem(Array(101).fill(0), { maxDepth: 2, maxNodes: 100 })?.message).toMatch(
      /too large/,
    );
  });

  it('refuses unstorable strings in values and keys', () => {
    expect(findJsonProblem({ a: ['x\u0000'] }, FREE_FORM_JSON_LIMITS)?.path).toEqual(['a', 0]);
    expect(findJsonProblem({ 'k\ud800': 1 }, FREE_FORM_JSON_LIMITS)?.message).toMatch(/a key/);
  });
});

describe('zFreeFormRecord', () => {
  it('points the issue at the offending key', () => {
    const result = zFreeFormRecord(z.number()).safeParse({ fast: 5, constructor: 1 });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['constructor'],
      message: 'the key "constructor" is not allowed',
    });
  });
});
