import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../config.ts';
import { PasswordHasher } from '../../security/password-hasher.ts';
import { DEMO_USER, demoUserWanted, ensureDemoUser } from './demo-user.ts';

const passwords = new PasswordHasher();
let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db?.close();
});

function configFor(env: Record<string, string>): Config {
  return loadConfig({ TRADEWIND_SECRET_KEY: 'x'.repeat(32), ...env });
}

describe('demo user', () => {
  it('is wanted only by the embedded development default', () => {
    expect(demoUserWanted(configFor({}))).toBe(true);
    expect(demoUserWanted(configFor({ NODE_ENV: 'development' }))).toBe(true);
    expect(demoUserWanted(configFor({ NODE_ENV: 'production' }))).toBe(false);
    expect(demoUserWanted(configFor({ NODE_ENV: 'test' }))).toBe(false);
    expect(
      demoUserWanted(configFor({ DATABASE_URL: 'postgresql://localhost:5432/tradewind' })),
    ).toBe(false);
  });

  it('seeds demo@example.com / demo123 as an enterprise admin, once', async () => {
    const config = configFor({ NODE_ENV: 'development' });
    const first = await ensureDemoUser({ db, passwords, config });
    expect(first).toEqual({ ...DEMO_USER, created: true });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'demo@example.com' } });
    expect(user).toMatchObject({ role: 'ADMIN', plan: 'ENTERPRISE', disabledAt: null });
    // Hashed with argon2id although demo123 would fail the password policy.
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await passwords.verify(user.passwordHash, 'demo123')).toBe(true);

    const second = await ensureDemoUser({ db, passwords, config });
    expect(second).toEqual({ ...DEMO_USER, created: false });
    expect(await db.prisma.user.count()).toBe(1);
    const again = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(again.passwordHash).toBe(user.passwordHash);
  });

  it('leaves an existing demo user as an admin changed it', async () => {
    const config = configFor({});
    await ensureDemoUser({ db, passwords, config });
    await db.prisma.user.update({
      where: { email: 'demo@example.com' },
      data: { role: 'VIEWER', disabledAt: new Date() },
    });
    await ensureDemoUser({ db, passwords, config });
    expect(
      await db.prisma.user.findUniqueOrThrow({ where: { email: 'demo@example.com' } }),
    ).toMatchObject({ role: 'VIEWER', disabledAt: expect.any(Date) });
  });

  it('seeds nothing in production, on PostgreSQL or under test', async () => {
    const environments: Record<string, string>[] = [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'development', DATABASE_URL: 'postgresql://localhost:5432/tradewind' },
      { NODE_ENV: 'test' },
    ];
    for (const env of environments) {
      expect(await ensureDemoUser({ db, passwords, config: configFor(env) })).toBeUndefined();
    }
    expect(await db.prisma.user.count()).toBe(0);
  });
});
