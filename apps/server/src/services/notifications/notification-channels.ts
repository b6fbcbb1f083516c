import {
  type AuthenticatedPrincipal,
  DomainError,
  type NotificationChannel,
  type ZNotificationChannelCreateInput,
} from '@tradewind/core';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';

type ChannelRow = {
  id: number;
  kind: string;
  target: string;
  minSeverity: string;
  createdAt: Date;
};

async function toChannel(deps: Pick<ServiceDeps, 'db'>, row: ChannelRow) {
  const counts = await deps.db.prisma.notificationDelivery.groupBy({
    by: ['status'],
    where: { channelId: row.id },
    _count: true,
  });
  const count = (status: string) => counts.find((group) => group.status === status)?._count ?? 0;
  return {
    id: row.id,
    kind: row.kind as NotificationChannel['kind'],
    target: row.target,
    minSeverity: row.minSeverity as NotificationChannel['minSeverity'],
    sent: count('SENT'),
    failed: count('FAILED'),
    createdAt: row.createdAt,
  };
}

/** At most this many channels per user. */
const MAX_CHANNELS = 10;

/** `notifications.add`: a channel of the caller's; a Telegram bot token is stored encrypted. */
export async function addNotificationChannel(
  deps: Pick<ServiceDeps, 'db' | 'secretBox'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZNotificationChannelCreateInput>,
): Promise<NotificationChannel> {
  const { prisma } = deps.db;
  if (
    (await prisma.notificationChannel.count({ where: { userId: principal.userId } })) >=
    MAX_CHANNELS
  ) {
    throw new DomainError('CONFLICT', `At most ${MAX_CHANNELS} notification channels per user`, {
      limit: MAX_CHANNELS,
    });
  }
  const row = await prisma.notificationChannel.create({
    data:
      input.kind === 'telegram'
        ? {
            userId: principal.userId,
            kind: 'telegram',
            target: input.chatId,
            secretEncrypted: deps.secretBox.encrypt(input.botToken),
            minSeverity: input.minSeverity,
          }
        : {
            userId: principal.userId,
            kind: 'email',
            target: input.email,
            minSeverity: input.minSeverity,
          },
  });
  return toChannel(deps, row);
}

/** `notifications.list`: the caller's channels, oldest first. */
export async function listNotificationChannels(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<NotificationChannel[]> {
  const rows = await deps.db.prisma.notificationChannel.findMany({
    where: { userId: principal.userId },
    orderBy: { id: 'asc' },
  });
  return Promise.all(rows.map((row) => toChannel(deps, row)));
}

/** `notifications.remove`: one of the caller's channels (another user's is NOT_FOUND). */
export async function removeNotificationChannel(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  channelId: number,
): Promise<{ success: true; channelId: number }> {
  const { count } = await deps.db.prisma.notificationChannel.deleteMany({
    where: { id: channelId, userId: principal.userId },
  });
  if (count === 0) {
    throw new DomainError('NOT_FOUND', `Notification channel ${channelId} not found`, {
      field: 'channelId',
    });
  }
  return { success: true, channelId };
}
