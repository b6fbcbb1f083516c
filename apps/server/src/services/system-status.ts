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

/** Seed 003's system status: database, transports and how many bots run. */
export async function getSystemStatus(deps: StatusDeps): Promise<SystemStatus> {
  const connected = await deps.db.ping();
  const [botsActive, botsTotal] = connected
    ? await Promise.all([
        deps.db.prisma.bot.count({ where: { status: 'ACTIVE' } }),
        deps.db.prisma.bot.count(),
      ])
    : [0, 0];
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
    botsActive,
    botsTotal,
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
