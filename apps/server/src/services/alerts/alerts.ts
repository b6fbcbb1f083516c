import {
  type AlertList,
  type AuthenticatedPrincipal,
  ZAlert,
  type ZAlertListInput,
} from '@tradewind/core';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { assertBotVisible } from '../bots/bot-transaction.ts';

/**
 * The caller's risk alerts, newest first. Alerts are the `alert` events the runner writes to
 * the outbox in the bar's transaction (see runtime/bot-runner.ts), so this is their durable log.
 */
export async function listAlerts(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZAlertListInput>,
): Promise<AlertList> {
  const { prisma } = deps.db;
  if (input.botId !== undefined) await assertBotVisible(prisma, principal, input.botId);
  const rows = await prisma.outboxEvent.findMany({
    where: {
      type: 'alert',
      ...(input.botId !== undefined ? { botId: input.botId } : { userId: principal.userId }),
      ...(input.kind && { payload: { path: ['kind'], equals: input.kind } }),
      ...(input.since && { createdAt: { gte: input.since } }),
    },
    orderBy: { id: 'desc' },
    take: input.limit,
  });
  return {
    alerts: rows.map((row) => {
      const payload = row.payload as { kind?: unknown; message?: unknown; values?: unknown };
      return ZAlert.parse({
        id: row.id.toString(),
        botId: row.botId,
        kind: payload.kind,
        message: payload.message,
        values: payload.values ?? {},
        createdAt: row.createdAt,
      });
    }),
  };
}
