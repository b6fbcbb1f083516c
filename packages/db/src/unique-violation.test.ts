import { createTestDatabase } from '@tradewind/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './open-database.ts';
import { uniqueViolationFields } from './unique-violation.ts';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
});

describe('uniqueViolationFields', () => {
  it('names the violated column on either adapter, inside and outside transactions', async () => {
    db = await createTestDatabase();
    const user = { email: 'a@example.com', firstName: 'A', passwordHash: 'x' };
    await db.prisma.user.create({ data: user });
    const direct = await db.prisma.user.create({ data: user }).catch((error: unknown) => error);
    expect(uniqueViolationFields(direct)).toEqual(['email']);
    const inTransaction = await db.prisma
      .$transaction((tx) => tx.user.create({ data: user }))
      .catch((error: unknown) => error);
    expect(uniqueViolationFields(inTransaction)).toEqual(['email']);
  });

  it('ignores other errors', () => {
    expect(uniqueViolationFields(new Error('boom'))).toBeUndefined();
    expect(uniqueViolationFields(undefined)).toBeUndefined();
  });
});
