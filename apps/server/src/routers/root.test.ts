import { PERMISSIONS } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import type { ProcedureMeta } from '../trpc/procedure-meta.ts';
import { appRouter } from './root.ts';

/** Procedures anyone may call without credentials; every other one must name a permission. */
const PUBLIC_PROCEDURES = [
  'auth.login',
  'auth.passwordReset.complete',
  'auth.passwordReset.request',
  'auth.refresh',
  'auth.register',
  'providers.list',
  'system.heartbeat',
  'system.ping',
  'system.status',
];

const procedures = Object.entries(appRouter._def.procedures) as unknown as Array<
  [string, { _def: { meta?: ProcedureMeta } }]
>;

describe('appRouter', () => {
  it('declares a known permission on every procedure that is not deliberately public', () => {
    const undeclared = procedures
      .filter(
        ([path, procedure]) =>
          !procedure._def.meta?.permission && !PUBLIC_PROCEDURES.includes(path),
      )
      .map(([path]) => path);
    expect(undeclared).toEqual([]);
    for (const [, procedure] of procedures) {
      const permission = procedure._def.meta?.permission;
      if (permission) expect(PERMISSIONS).toContain(permission);
    }
  });

  it('keeps the public list honest: each entry exists and needs no permission', () => {
    const paths = new Map(procedures);
    for (const path of PUBLIC_PROCEDURES) {
      expect(paths.has(path), path).toBe(true);
      expect(paths.get(path)?._def.meta?.permission, path).toBeUndefined();
    }
  });
});
