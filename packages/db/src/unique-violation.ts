import { Prisma } from './generated/prisma/client.ts';

/**
 * The columns of a unique constraint an insert or update violated, or `undefined` for any
 * other error. The two adapters report it differently: `@prisma/adapter-pg` as Prisma's P2002,
 * the PGlite adapter (typed against an older driver-adapter interface) as the raw PostgreSQL
 * error 23505; services should not have to know which one they run on.
 */
export function uniqueViolationFields(error: unknown): string[] | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const meta = error.meta as
      | {
          target?: string | string[];
          driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } };
        }
      | undefined;
    const target = meta?.target ?? meta?.driverAdapterError?.cause?.constraint?.fields ?? [];
    return Array.isArray(target) ? target : [target];
  }
  const cause = (error as { name?: string; cause?: { code?: string; detail?: string } })?.cause;
  if ((error as { name?: string })?.name === 'DriverAdapterError' && cause?.code === '23505') {
    // detail: Key (email)=(a@example.com) already exists.
    const columns = cause.detail?.match(/^Key \(([^)]+)\)=/)?.[1];
    return columns ? columns.split(',').map((column) => column.trim().replace(/"/g, '')) : [];
  }
  return undefined;
}
