import type { Health, SystemStatus } from '@tradewind/core';
import type { ServerDeps } from '../server-deps.ts';

type StatusDeps = Pick<ServerDeps, 'config' | 'db' | 'version' | 'startedAt' | 'now'>;

function uptimeSeconds(deps: StatusDeps): number {
  return Math.max(0, (deps.now().getTime() - deps.startedAt.getTime()) / 1000);
}

/** Liveness with the database reachability, for `/health`. Never throws. */
export async function getHealth(deps: StatusDeps): Promise<Health> {
  const connected = await deps.db.ping();
  return {
    status: connected ? 'ok' : 'degraded',
    version: deps.version,
    environment: deps.config.environment,
    database: { connected, dialect: deps.db.dialect },
    uptime: uptimeSeconds(deps),
    timestamp: deps.now().toISOString(),
  };
}

/** How many bots there are, by status, in one query; `undefined` when the database is down. */
async function countBotsByStatus(deps: StatusDeps): Promise<Map<string, number> | undefined> {
  try {
    const groups = await deps.db.prisma.bot.groupBy({ by: ['status'], _count: { _all: true } });
    return new Map(groups.map((group) => [group.status, group._count._all]));
  } catch {
    return undefined;
  }
}

/** Seed 003's system status: database, transports and how many bots run. */
export async function getSystemStatus(deps: StatusDeps): Promise<SystemStatus> {
  // The count doubles as the connectivity check: one round trip instead of three.
  const counts = await countBotsByStatus(deps);
  const connected = counts !== undefined;
  return {
    status: connected ? 'operational' : 'degraded',
    database: connected ? 'connected' : 'disconnected',
    databaseDialect: deps.db.dialect,
    api: 'operational',
    websocket: 'active',
    sse: 'active',
    version: deps.version,
    environment: deps.config.environment,
    uptimeSeconds: uptimeSeconds(deps),
    botsActive: counts?.get('ACTIVE') ?? 0,
    botsTotal: [...(counts?.values() ?? [])].reduce((sum, count) => sum + count, 0),
    timestamp: deps.now().toISOString(),
  };
}

/** A heartbeat's facts at this instant. */
export function heartbeatAt(deps: Pick<ServerDeps, 'startedAt' | 'now'>, sequence: number) {
  const now = deps.now();
  return {
    sequence,
    timestamp: now.toISOString(),
    uptimeSeconds: Math.max(0, (now.getTime() - deps.startedAt.getTime()) / 1000),
  };
}
