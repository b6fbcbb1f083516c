import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_SLICE_MS } from './event-loop-turns.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('queries and the event loop', () => {
  it('a long transaction lets the event loop run between its queries', async () => {
    let turned = false;
    let turnedInside = false;
    await db.prisma.$transaction(
      async (tx) => {
        const started = performance.now();
        setImmediate(() => {
          turned = true;
        });
        // Keep querying well past a slice: PGlite alone would never let the callback run.
        while (!turnedInside && performance.now() - started < 50 * QUERY_SLICE_MS) {
          await tx.$queryRaw`SELECT 1`;
          turnedInside = turned;
        }
      },
      { timeout: 60_000 },
    );
    expect(turnedInside).toBe(true);
  });

  it('queries still return their results, in and out of transactions', async () => {
    expect(await db.prisma.$queryRaw`SELECT 41 + 1 AS answer`).toEqual([{ answer: 42 }]);
    const inside = await db.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 'x' AS y`);
    expect(inside).toEqual([{ y: 'x' }]);
  });
});
