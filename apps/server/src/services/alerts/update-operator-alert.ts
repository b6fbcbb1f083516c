import { type AuthenticatedPrincipal, DomainError, type OperatorAlert } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { toOperatorAlert } from './operator-alert-mapping.ts';

/**
 * `alerts.acknowledge` and `alerts.resolve`: an operator's hand on one of their alerts.
 * Acknowledging says someone is on it (the alert stays active); resolving ends it (its condition
 * key is freed, so the rule may raise a new one if the condition comes back). Acknowledging or
 * resolving twice is a CONFLICT naming the alert; another user's alert is NOT_FOUND.
 */
export async function updateOperatorAlert(
  deps: Pick<ServiceDeps, 'db' | 'now'>,
  principal: AuthenticatedPrincipal,
  alertId: number,
  action: 'acknowledge' | 'resolve',
): Promise<OperatorAlert> {
  const { prisma } = deps.db;
  const row = await prisma.operatorAlert.findUnique({ where: { id: alertId } });
  if (row === null || row.userId !== principal.userId) {
    throw new DomainError('NOT_FOUND', `Alert ${alertId} not found`, { field: 'alertId' });
  }
  if (row.resolvedAt !== null) {
    throw new DomainError('CONFLICT', `Alert ${alertId} is already resolved`, { alertId });
  }
  if (action === 'acknowledge' && row.acknowledgedAt !== null) {
    throw new DomainError('CONFLICT', `Alert ${alertId} is already acknowledged`, { alertId });
  }
  const now = deps.now();
  const data =
    action === 'acknowledge'
      ? { acknowledgedAt: now, acknowledgedBy: principal.userId }
      : { resolvedAt: now, resolvedBy: principal.userId, openKey: null };
  // Guarded on the state just read: a rule or another request resolving it meanwhile wins.
  const { count } = await prisma.operatorAlert.updateMany({
    where: { id: alertId, resolvedAt: null, acknowledgedAt: row.acknowledgedAt },
    data,
  });
  if (count === 0) {
    throw new DomainError('CONFLICT', `Alert ${alertId} changed meanwhile; read it again`, {
      alertId,
    });
  }
  return toOperatorAlert(await prisma.operatorAlert.findUniqueOrThrow({ where: { id: alertId } }));
}
