import { permissionsForRole } from '@tradewind/core';
import type { ApiKey } from '@tradewind/db';
import { describe, expect, it } from 'vitest';
import { scopesBeyond, toApiKeySummary } from './api-keys.ts';

describe('scopesBeyond', () => {
  const trader = permissionsForRole('trader');

  it('accepts scopes within what the caller holds', () => {
    expect(scopesBeyond(trader, ['READ_ONLY', 'CONTROL', 'apiKeys:manage'])).toEqual([]);
  });

  it('names each scope that exceeds, with the permissions it is missing', () => {
    expect(scopesBeyond(trader, ['READ_ONLY', 'ADMIN', 'system:admin'])).toEqual([
      { scope: 'ADMIN', missing: ['config:write', 'users:manage', 'audit:read'] },
      { scope: 'system:admin', missing: ['system:admin'] },
    ]);
  });

  it('bounds a key by its own scopes, not its owner’s role', () => {
    expect(scopesBeyond(['bots:read', 'apiKeys:manage'], ['bots:read', 'bots:control'])).toEqual([
      { scope: 'bots:control', missing: ['bots:control'] },
    ]);
  });
});

describe('toApiKeySummary', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  const key: ApiKey = {
    id: '4f0c3c43-6c55-4d0e-9b53-1a1d36e3c1f1',
    userId: '2b0f4b1e-8d6c-4c55-8a53-9c7e9a1b2c3d',
    name: 'ci',
    prefix: 'twk_abcd',
    keyHash: 'hash',
    secretEncrypted: 'sealed',
    scopes: ['READ_ONLY', 'not-a-permission'],
    rateLimitPerHour: 1000,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    createdByApiKeyId: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };

  it('expands levels, drops unknown scopes and never carries the hash or secret', () => {
    const summary = toApiKeySummary(key, now);
    expect(summary.scopes).toEqual([
      'bots:read',
      'strategies:read',
      'accounts:read',
      'config:read',
      'system:read',
    ]);
    expect(JSON.stringify(summary)).not.toMatch(/hash|sealed/);
    expect(summary.enabled).toBe(true);
  });

  it('is not enabled once revoked or expired', () => {
    expect(toApiKeySummary({ ...key, revokedAt: now }, now).enabled).toBe(false);
    expect(toApiKeySummary({ ...key, expiresAt: now }, now).enabled).toBe(false);
    expect(toApiKeySummary({ ...key, expiresAt: new Date('2026-02-01') }, now).enabled).toBe(true);
  });
});
