/**
 * One permission model for the whole product: roles (people) and API key levels (machines)
 * both map onto the same fine-grained permissions, and every procedure names the one it needs.
 */
export const PERMISSIONS = [
  'bots:read',
  'bots:control',
  'strategies:read',
  'strategies:write',
  'strategies:execute',
  'strategies:delete',
  'strategies:share',
  'backtests:run',
  'accounts:read',
  'accounts:write',
  'trading:execute',
  'webhooks:manage',
  'apiKeys:manage',
  'config:read',
  'config:write',
  'users:manage',
  'audit:read',
  'data:export',
  'system:read',
  'system:admin',
  /** Listing and ending one's own signed-in sessions (people have it; keys only when granted). */
  'sessions:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'trader', 'analyst', 'viewer', 'exporter'] as const;
export type Role = (typeof ROLES)[number];

const READ: readonly Permission[] = [
  'bots:read',
  'strategies:read',
  'accounts:read',
  'config:read',
  'system:read',
];

/** What each role may do (seed 002's roles plus seed 001's exporter). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  trader: [
    ...READ,
    'bots:control',
    'strategies:write',
    'strategies:execute',
    'strategies:delete',
    'strategies:share',
    'backtests:run',
    'accounts:write',
    'trading:execute',
    'webhooks:manage',
    'apiKeys:manage',
    'data:export',
    'sessions:manage',
  ],
  analyst: [
    'bots:read',
    'strategies:read',
    'config:read',
    'system:read',
    'backtests:run',
    'sessions:manage',
  ],
  viewer: ['bots:read', 'strategies:read', 'system:read', 'sessions:manage'],
  exporter: ['bots:read', 'strategies:read', 'system:read', 'data:export', 'sessions:manage'],
};

export const API_KEY_LEVELS = ['READ_ONLY', 'CONTROL', 'ADMIN', 'SUPER_ADMIN'] as const;
export type ApiKeyLevel = (typeof API_KEY_LEVELS)[number];

const CONTROL: readonly Permission[] = [
  ...READ,
  'bots:control',
  'strategies:execute',
  'trading:execute',
  'backtests:run',
];

/** Seed 004's API key permission levels, each a superset of the one before. */
export const API_KEY_LEVEL_PERMISSIONS: Readonly<Record<ApiKeyLevel, readonly Permission[]>> = {
  READ_ONLY: READ,
  CONTROL,
  ADMIN: [
    ...CONTROL,
    'strategies:write',
    'strategies:delete',
    'strategies:share',
    'accounts:write',
    'webhooks:manage',
    'config:write',
    'users:manage',
    'audit:read',
    'data:export',
  ],
  // Ending sessions and reading their addresses is granted by name only, never by a level.
  SUPER_ADMIN: PERMISSIONS.filter((permission) => permission !== 'sessions:manage'),
};

/**
 * What a key created with only a name gets (seed 000: "full access to the Enterprise API"):
 * everything the enterprise routes call (bots read and control, webhooks) plus the READ_ONLY
 * reads, always capped by what the owner may do. Session management is never implied.
 */
export const DEFAULT_API_KEY_PERMISSIONS: readonly Permission[] = [
  ...READ,
  'bots:control',
  'webhooks:manage',
];

/** The permissions of a role, in the canonical order of `PERMISSIONS`. */
export function permissionsForRole(role: Role): Permission[] {
  const granted = new Set(ROLE_PERMISSIONS[role]);
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

/** Expands API key levels and explicit permissions into one sorted, de-duplicated list. */
export function expandScopes(scopes: readonly (Permission | ApiKeyLevel)[]): Permission[] {
  const granted = new Set<Permission>();
  for (const scope of scopes) {
    const level = API_KEY_LEVEL_PERMISSIONS[scope as ApiKeyLevel];
    for (const permission of level ?? [scope as Permission]) granted.add(permission);
  }
  return PERMISSIONS.filter((permission) => granted.has(permission));
}
