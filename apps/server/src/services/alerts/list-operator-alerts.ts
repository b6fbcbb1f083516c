import type {
  AuthenticatedPrincipal,
  OperatorAlertList,
  ZOperatorAlertListInput,
} from '@tradewind/core';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { assertBotVisible } from '../bots/bot-transaction.ts';
import { toOperatorAlert } from './operator-alert-mapping.ts';

/**
 * `alerts.system` (seed 004 `GET /alerts`): the caller's alerts, newest first, active ones only
 * unless `activeOnly` is false; `totalAlerts` and `activeAlerts` count every alert matching the
 * other filters.
 */
export async function listOperatorAlerts(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZOperatorAlertListInput>,
): Promise<OperatorAlertList> {
  const { prisma } = deps.db;
  if (input.botId !== undefined) await assertBotVisible(prisma, principal, input.botId);
  const where = {
    userId: principal.userId,
    ...(input.botId !== undefined && { botId: input.botId }),
    ...(input.kind && { kind: input.kind }),
    ...(input.severity && { severity: input.severity }),
  };
  const active = { ...where, resolvedAt: null };
  const [rows, totalAlerts, activeAlerts] = await Promise.all([
    prisma.operatorAlert.findMany({
      where: input.activeOnly ? active : where,
      orderBy: { id: 'desc' },
      take: input.limit,
    }),
    prisma.operatorAlert.count({ where }),
    prisma.operatorAlert.count({ where: active }),
  ]);
  return { alerts: rows.map(toOperatorAlert), totalAlerts, activeAlerts };
}
