import { type OperatorAlertSeverity, ZOperatorAlertSeverity } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';

const rank = (severity: string) =>
  ZOperatorAlertSeverity.options.indexOf(severity as OperatorAlertSeverity);

/**
 * Routes a raised alert to its owner's channels whose `minSeverity` it reaches: one delivery
 * row per channel, written in the alert's own transaction (the durable outbox the sender
 * drains). Platform alerts (no owner) go nowhere yet.
 */
export async function enqueueNotifications(
  tx: Prisma.TransactionClient,
  alert: { id: number; userId: string | null; severity: string },
): Promise<void> {
  if (alert.userId === null) return;
  const channels = await tx.notificationChannel.findMany({ where: { userId: alert.userId } });
  const routed = channels.filter((channel) => rank(alert.severity) >= rank(channel.minSeverity));
  if (routed.length === 0) return;
  await tx.notificationDelivery.createMany({
    data: routed.map((channel) => ({ channelId: channel.id, alertId: alert.id })),
    skipDuplicates: true,
  });
}
