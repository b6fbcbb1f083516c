import { Plan, Role } from '@tradewind/db';
import type { Config } from '../../config.ts';
import type { ServiceDeps } from '../../service-deps.ts';

/** Seed 002's demo credentials, printed in the start-up banner when the demo user exists. */
export const DEMO_USER = { email: 'demo@example.com', password: 'demo123' } as const;

export type DemoLogin = { email: string; password: string; created: boolean };

/**
 * The demo user belongs to the embedded default only: a development server on PGlite. Never
 * in production and never on PostgreSQL (a shared database is not a playground); not under
 * `NODE_ENV=test` either, so test databases start empty and tests count what they create.
 */
export function demoUserWanted(config: Pick<Config, 'databaseUrl' | 'environment'>): boolean {
  return config.databaseUrl === undefined && config.environment === 'development';
}

/**
 * Makes sure seed 002's demo user (`demo@example.com` / `demo123`, admin, enterprise plan)
 * exists when {@link demoUserWanted} says so, and returns its login for the banner; otherwise
 * returns `undefined` and touches nothing. Idempotent: an existing demo user is left as it is
 * (an admin may have changed or disabled it). The password is hashed directly, bypassing the
 * password policy that `demo123` would fail.
 */
export async function ensureDemoUser(
  deps: Pick<ServiceDeps, 'db' | 'passwords' | 'config'>,
): Promise<DemoLogin | undefined> {
  if (!demoUserWanted(deps.config)) return undefined;
  const users = deps.db.prisma.user;
  const existing = await users.findUnique({ where: { email: DEMO_USER.email } });
  if (existing) return { ...DEMO_USER, created: false };
  // Hash only when creating: argon2 costs tens of milliseconds on every start otherwise.
  const passwordHash = await deps.passwords.hash(DEMO_USER.password);
  await users.upsert({
    where: { email: DEMO_USER.email },
    create: {
      email: DEMO_USER.email,
      firstName: 'Demo',
      passwordHash,
      role: Role.ADMIN,
      plan: Plan.ENTERPRISE,
    },
    update: {},
  });
  return { ...DEMO_USER, created: true };
}
