import type { Prisma } from '@tradewind/db';

/**
 * Prisma's Json writes print floats with 15 significant digits (11722.973533399996 is stored as
 * 11722.9735334), which breaks "same inputs, same answer" to the last bit. These writes send the
 * JSON text itself, which PostgreSQL parses into jsonb exactly; reads through Prisma are exact.
 */
export async function writeExactJson(
  client: Prisma.TransactionClient,
  backtestId: number,
  values: { request?: unknown; metrics?: unknown; result?: unknown },
): Promise<void> {
  const text = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await client.$executeRaw`
    UPDATE backtests
       SET request = COALESCE(${text(values.request)}::jsonb, request),
           metrics = COALESCE(${text(values.metrics)}::jsonb, metrics),
           result = COALESCE(${text(values.result)}::jsonb, result)
     WHERE id = ${backtestId}`;
}
