import { describe, expect, it } from 'vitest';
import { passwordProblems, passwordRefusal } from './password-policy.ts';

describe('passwordProblems', () => {
  it('accepts a long password with no composition rules (NIST SP 800-63B)', () => {
    expect(passwordProblems('correct horse 42 battery')).toEqual([]);
    // Seed 003's register example: letters only.
    expect(passwordProblems('securepassword')).toEqual([]);
  });

  it('names each problem', () => {
    expect(passwordProblems('abc')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('Password123')).toEqual(['is too common']);
    expect(passwordProblems(`${'x'.repeat(129)}1`)).toContain('must be at most 128 characters');
  });

  it('refuses repetitive and sequential passwords as common', () => {
    expect(passwordProblems('aaaaaaaaaaaa')).toEqual(['is too common']);
    expect(passwordProblems('abcdefghijk')).toEqual(['is too common']);
    expect(passwordProblems('9876543210')).toEqual(['is too common']);
  });

  it('refuses a password built on the email address', () => {
    expect(passwordProblems('maryjane2024!', { email: 'MaryJane@example.com' })).toEqual([
      'must not contain your email address',
    ]);
  });

  it('says the rules in the refusal', () => {
    expect(passwordRefusal('password', ['is too common'])).toMatch(
      /^password: is too common \(password rules: at least 10 characters, .*no composition rules \(NIST SP 800-63B\)\)$/,
    );
  });
});
