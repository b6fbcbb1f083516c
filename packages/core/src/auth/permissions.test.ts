import { describe, expect, it } from 'vitest';
import {
  API_KEY_LEVEL_PERMISSIONS,
  API_KEY_LEVELS,
  expandScopes,
  PERMISSIONS,
  permissionsForRole,
  ROLES,
} from './permissions.ts';
import {
  canAccessOwnedResource,
  hasPermission,
  ownResourcesOnly,
  type Principal,
} from './principal.ts';

describe('roles', () => {
  it('gives admins everything and viewers only reads and their own sessions', () => {
    expect(permissionsForRole('admin')).toEqual([...PERMISSIONS]);
    expect(
      permissionsForRole('viewer').every(
        (permission) => permission.endsWith(':read') || permission === 'sessions:manage',
      ),
    ).toBe(true);
  });

  it('lets every person manage their own sessions', () => {
    for (const role of ROLES) expect(permissionsForRole(role)).toContain('sessions:manage');
  });

  it('keeps every role within the known permissions', () => {
    for (const role of ROLES) {
      for (const permission of permissionsForRole(role)) {
        expect(PERMISSIONS).toContain(permission);
      }
    }
  });

  it('lets analysts run backtests but not control bots', () => {
    const analyst = permissionsForRole('analyst');
    expect(analyst).toContain('backtests:run');
    expect(analyst).not.toContain('bots:control');
  });
});

describe('API key levels', () => {
  it('are each a superset of the level before', () => {
    for (let index = 1; index < API_KEY_LEVELS.length; index++) {
      const lower = API_KEY_LEVEL_PERMISSIONS[API_KEY_LEVELS[index - 1] as never] as string[];
      const higher = new Set(API_KEY_LEVEL_PERMISSIONS[API_KEY_LEVELS[index] as never]);
      expect(lower.filter((permission) => !higher.has(permission as never))).toEqual([]);
    }
  });

  it('expand into a sorted, de-duplicated permission list', () => {
    expect(expandScopes(['bots:control', 'READ_ONLY', 'bots:read'])).toEqual([
      'bots:read',
      'bots:control',
      'strategies:read',
      'accounts:read',
      'config:read',
      'system:read',
    ]);
    expect(expandScopes(['SUPER_ADMIN'])).toEqual(
      PERMISSIONS.filter((permission) => permission !== 'sessions:manage'),
    );
    expect(expandScopes(['SUPER_ADMIN', 'sessions:manage'])).toEqual([...PERMISSIONS]);
  });
});

describe('principals', () => {
  const alice: Principal = {
    kind: 'user',
    userId: 'alice',
    sessionId: 's1',
    role: 'trader',
    permissions: permissionsForRole('trader'),
  };
  const admin: Principal = { ...alice, userId: 'root', role: 'admin' };

  it('grants owners and admins, and nobody else', () => {
    expect(canAccessOwnedResource(alice, 'alice')).toBe(true);
    expect(canAccessOwnedResource(alice, 'bob')).toBe(false);
    expect(canAccessOwnedResource(admin, 'bob')).toBe(true);
    expect(canAccessOwnedResource({ kind: 'anonymous' }, 'alice')).toBe(false);
  });

  it('keeps an admin on the enterprise surface to their own resources', () => {
    expect(canAccessOwnedResource(ownResourcesOnly(admin), 'bob')).toBe(false);
    expect(canAccessOwnedResource(ownResourcesOnly(admin), 'root')).toBe(true);
  });

  it('answers permission checks from the principal', () => {
    expect(hasPermission(alice, 'bots:control')).toBe(true);
    expect(hasPermission(alice, 'users:manage')).toBe(false);
    expect(hasPermission({ kind: 'anonymous' }, 'bots:read')).toBe(false);
  });
});
