import type {
  AuthenticatedPrincipal,
  StrategyEvent,
  ZStrategyEventType,
  ZStrategyHistoryInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { authorizeStrategy } from './strategy-access.ts';

type EventType = z.infer<typeof ZStrategyEventType>;

/** Appends one event to a strategy's log, in the caller's transaction. */
export async function recordStrategyEvent(
  client: Prisma.TransactionClient,
  principal: AuthenticatedPrincipal,
  strategyId: number,
  type: EventType,
  details: Record<string, unknown> = {},
): Promise<void> {
  await client.strategyEvent.create({
    data: {
      strategyId,
      type,
      actorId: principal.userId,
      details: details as Prisma.InputJsonValue,
    },
  });
}

/** A strategy's event log, newest first (seed 002's history: filter by type and since). */
export async function strategyHistory(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyHistoryInput>,
): Promise<StrategyEvent[]> {
  const { prisma } = deps.db;
  await authorizeStrategy(prisma, principal, input.strategyId, 'read');
  const rows = await prisma.strategyEvent.findMany({
    where: {
      strategyId: input.strategyId,
      ...(input.eventType && { type: input.eventType }),
      ...(input.since && { createdAt: { gte: new Date(input.since) } }),
    },
    orderBy: { id: 'desc' },
    take: input.limit,
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    strategyId: row.strategyId,
    type: row.type as EventType,
    actorId: row.actorId,
    details: row.details as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  }));
}
