import type { OperatorStatus } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { hostUsage } from './host-usage.ts';
import { type BotCountScope, getSystemStatus } from './system-status.ts';

type StatusDeps = Pick<ServiceDeps, 'config' | 'db' | 'version' | 'startedAt' | 'now'>;

/** Whether each venue feeding the bots is reachable: its latest feed alert is not an outage. */
async function venueReachability(deps: StatusDeps, botIds: number[]) {
  const alerts = await deps.db.prisma.outboxEvent.findMany({
    where: {
      type: 'alert',
      botId: { in: botIds },
      OR: [
        { payload: { path: ['kind'], equals: 'feed_unavailable' } },
        { payload: { path: ['kind'], equals: 'feed_restored' } },
      ],
    },
    orderBy: { id: 'desc' },
    select: { botId: true, payload: true },
  });
  const latest = new Map<number, unknown>();
  for (const alert of alerts) {
    if (alert.botId !== null && !latest.has(alert.botId)) {
      latest.set(alert.botId, (alert.payload as { kind?: unknown }).kind);
    }
  }
  return (botId: number) => latest.get(botId) !== 'feed_unavailable';
}

/** Seed 004's `/status` for one user: this server, their bots and venues, this host. */
export async function getOperatorStatus(
  deps: StatusDeps,
  scope: Extract<BotCountScope, { kind: 'own' }>,
): Promise<OperatorStatus> {
  const [system, running, performance] = await Promise.all([
    getSystemStatus(deps, scope),
    deps.db.prisma.bot.findMany({
      where: { userId: scope.userId, status: { in: ['ACTIVE', 'PAUSED', 'STOPPING'] } },
      select: { id: true, status: true, mode: true, feed: true, updatedAt: true },
    }),
    hostUsage(deps.config.dataDir),
  ]);
  const reachable = await venueReachability(
    deps,
    running.map((bot) => bot.id),
  );
  const venues = new Map<string, boolean>();
  for (const bot of running) {
    venues.set(bot.feed, (venues.get(bot.feed) ?? true) && reachable(bot.id));
  }
  const active = running.some((bot) => bot.status === 'ACTIVE');
  const lastUpdate = running.reduce<Date | null>(
    (last, bot) => (last === null || bot.updatedAt > last ? bot.updatedAt : last),
    null,
  );
  return {
    system: {
      status: system.status,
      uptimeSeconds: system.uptimeSeconds,
      version: system.version,
      environment: system.environment,
    },
    tradingBot: {
      active,
      mode: running.some((bot) => bot.mode === 'LIVE') ? 'live' : 'paper',
      status: active ? 'running' : running.length > 0 ? 'paused' : 'stopped',
      lastUpdate: lastUpdate?.toISOString() ?? null,
    },
    exchanges: [...venues].map(([name, connected]) => ({ name, connected, testnet: false })),
    performance,
  };
}
