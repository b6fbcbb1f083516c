import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.ts';

describe('passwordProblems', () => {
  it('accepts a long password with letters and digits', () => {
    expect(passwordProblems('correct horse 42 battery')).toEqual([]);
  });

  it('names each problem', () => {
    expect(passwordProblems('abc')).toEqual([
      'must be at least 10 characters',
      'must contain at least one letter and one digit',
    ]);
    expect(passwordProblems('Password123')).toEqual(['is too common']);
    expect(passwordProblems(`${'x'.repeat(129)}1`)).toContain('must be at most 128 characters');
  });

  it('refuses a password built on the email address', () => {
    expect(passwordProblems('maryjane2024!', { email: 'MaryJane@example.com' })).toEqual([
      'must not contain your email address',
    ]);
  });
});
