import { describe, expect, it } from 'vitest';
import { oneLine } from './cli-error.ts';

describe('oneLine', () => {
  it('keeps a one-line message as it is', () => {
    expect(oneLine('Invalid login or password')).toBe('Invalid login or password');
  });

  it("folds zod's pretty print into path: message pairs", () => {
    expect(oneLine('✖ Invalid input\n  → at scopes[0]')).toBe('scopes[0]: Invalid input');
    expect(
      oneLine(
        '✖ is required\n  → at name\n✖ Too big: expected number to be <=100000\n  → at rateLimitPerHour',
      ),
    ).toBe('name: is required; rateLimitPerHour: Too big: expected number to be <=100000');
  });

  it('joins any other multi-line message with semicolons', () => {
    expect(oneLine('first\n\n  second  ')).toBe('first; second');
  });
});
