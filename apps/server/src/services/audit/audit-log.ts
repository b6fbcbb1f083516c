import type { AuditEntry, ZAuditListInput } from '@tradewind/core';
import type { AuditEntry as AuditRow } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';

/** One audit row as the contract shows it; the bigint id travels as a string. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  const metadata = row.metadata;
  return {
    id: row.id.toString(),
    actorUserId: row.actorUserId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    // Entries are written with object metadata; anything else is wrapped rather than dropped.
    metadata:
      metadata === null
        ? null
        : typeof metadata === 'object' && !Array.isArray(metadata)
          ? (metadata as Record<string, unknown>)
          : { value: metadata },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audit trail, newest first, filtered by actor, exact action and start time. */
export async function listAuditEntries(
  deps: Pick<ServiceDeps, 'db'>,
  input: z.output<typeof ZAuditListInput>,
): Promise<AuditEntry[]> {
  const rows = await deps.db.prisma.auditEntry.findMany({
    where: {
      ...(input.actorUserId && { actorUserId: input.actorUserId }),
      ...(input.action && { action: input.action }),
      ...(input.since && { createdAt: { gte: new Date(input.since) } }),
    },
    // Ids break ties between entries written in the same millisecond.
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
  });
  return rows.map(toAuditEntry);
}
