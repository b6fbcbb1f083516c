import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZApiKeyCreateInput } from './api-keys.ts';

describe('ZApiKeyCreateInput', () => {
  it('accepts levels and permissions, leaving the default to the server', () => {
    expect(ZApiKeyCreateInput.parse({ name: 'ci' }).scopes).toBeUndefined();
    expect(
      ZApiKeyCreateInput.parse({ name: 'ci', scopes: ['CONTROL', 'bots:read'] }).scopes,
    ).toEqual(['CONTROL', 'bots:read']);
  });

  it('lists the valid scopes when one is unknown', () => {
    const result = ZApiKeyCreateInput.safeParse({ name: 'ci', scopes: ['EVERYTHING'] });
    expect(result.success).toBe(false);
    const message = result.success ? '' : z.prettifyError(result.error);
    expect(message).toMatch(/scopes\[0\]/);
    expect(message).toMatch(/READ_ONLY/);
    expect(message).toMatch(/bots:control/);
  });
});
