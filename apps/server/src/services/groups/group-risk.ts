import { DomainError } from '@tradewind/core';
import { writeOutbox } from '../../events/outbox.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import type { GroupRow } from './group-access.ts';
import { drawdownNow, groupEquitySeries } from './group-equity.ts';

type RiskDeps = Pick<ServiceDeps, 'db' | 'now' | 'events'>;

function halted(group: { name: string; haltReason: string | null }): DomainError {
  return new DomainError(
    'CONFLICT',
    `group ${group.name} is halted: ${group.haltReason ?? 'past its max drawdown'}; it opens no positions until resumed (groups update with resume)`,
    { field: 'groupId', reason: 'group_halted' },
  );
}

/**
 * Refuses an order that opens a position on a group past its limits: a halted group, a group
 * whose equity (its accounts' synced equity, summed) is `maxDrawdown` percent or more below
 * its peak (which halts it and raises one `group_max_drawdown` alert), and a
 * `riskPercentage` above the group's `riskLimit`. Closing orders (sells) always pass.
 */
export async function assertGroupMayOpen(
  deps: RiskDeps,
  group: GroupRow,
  order: { side: 'buy' | 'sell'; riskPercentage: number },
): Promise<void> {
  const riskLimit = group.riskLimit?.toNumber();
  if (riskLimit !== undefined && order.riskPercentage > riskLimit) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `riskPercentage: ${order.riskPercentage} is above the group's risk limit of ${riskLimit}`,
      { field: 'riskPercentage' },
    );
  }
  if (order.side === 'sell') return;
  if (group.haltedAt !== null) throw halted(group);
  const maxDrawdown = group.maxDrawdown?.toNumber();
  if (maxDrawdown === undefined) return;
  const points = await groupEquitySeries(
    deps.db.prisma,
    group.accounts.map((account) => account.id),
  );
  const { equity, peakEquity, drawdownPercent } = drawdownNow(points);
  if (drawdownPercent === null || drawdownPercent < maxDrawdown) return;
  const reason = `equity ${equity} is ${drawdownPercent.toFixed(2)}% below its peak ${peakEquity}, past its max drawdown of ${maxDrawdown}%`;
  const published = await deps.db.prisma.$transaction(async (tx) => {
    // Only the call that halts the group raises the alert.
    const { count } = await tx.accountGroup.updateMany({
      where: { id: group.id, haltedAt: null },
      data: { haltedAt: deps.now(), haltReason: reason },
    });
    if (count === 0) return [];
    return writeOutbox(tx, [
      {
        type: 'alert',
        userId: group.userId,
        botId: null,
        payload: {
          kind: 'group_max_drawdown',
          groupId: group.id,
          message: `Group ${group.name} halted: ${reason}`,
          values: { groupId: group.id, equity, peakEquity, drawdownPercent, maxDrawdown },
        },
      },
    ]);
  });
  deps.events.publish(published);
  throw halted({ name: group.name, haltReason: reason });
}
