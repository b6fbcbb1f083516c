import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from './domain-error.ts';
import { ERROR_CODE_TABLE, ERROR_CODES } from './error-code.ts';

describe('ERROR_CODE_TABLE', () => {
  it('maps every domain code to a client or server HTTP status', () => {
    for (const code of ERROR_CODES) {
      const entry = ERROR_CODE_TABLE[code];
      expect(entry, code).toBeDefined();
      expect(entry.httpStatus).toBeGreaterThanOrEqual(400);
      expect(entry.httpStatus).toBeLessThan(600);
    }
    expect(Object.keys(ERROR_CODE_TABLE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('keeps client mistakes in 4xx and only internal failures in 500', () => {
    const serverSide = ERROR_CODES.filter((code) => ERROR_CODE_TABLE[code].httpStatus >= 500);
    expect(serverSide.sort()).toEqual(['INTERNAL_ERROR', 'PROVIDER_ERROR']);
  });
});

describe('DomainError', () => {
  it('carries its code and details and is recognised by isDomainError', () => {
    const error = new DomainError('CONFLICT', 'User already has an active trading session', {
      activeBotId: 7,
    });
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toEqual({ activeBotId: 7 });
    expect(isDomainError(new Error('plain'))).toBe(false);
  });
});
