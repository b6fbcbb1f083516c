import type { OperatorAlert } from '@tradewind/core';
import type { Database } from '@tradewind/db';

type OperatorAlertRow = Awaited<
  ReturnType<Database['prisma']['operatorAlert']['findUniqueOrThrow']>
>;

/** A stored alert as the contract shows it (`active` while unresolved). */
export function toOperatorAlert(row: OperatorAlertRow): OperatorAlert {
  const resolvedBy = row.resolvedAt === null ? null : row.resolvedBy === null ? 'rule' : 'user';
  return {
    id: row.id,
    type: row.type as OperatorAlert['type'],
    kind: row.kind as OperatorAlert['kind'],
    title: row.title,
    message: row.message,
    severity: row.severity as OperatorAlert['severity'],
    active: row.resolvedAt === null,
    botId: row.botId,
    values: (row.values ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    resolvedBy,
  };
}
