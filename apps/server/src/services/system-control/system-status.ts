import type { AuthenticatedPrincipal, Health, Principal, SystemStatus } from '@tradewind/core';
import type { LivenessReading } from '../../runtime/health/database-liveness.ts';
import type { ServiceDeps } from '../../service-deps.ts';

type StatusDeps = Pick<ServiceDeps, 'config' | 'db' | 'version' | 'startedAt' | 'now'>;

function uptimeSeconds(deps: StatusDeps): number {
  return Math.max(0, (deps.now().getTime() - deps.startedAt.getTime()) / 1000);
}

/**
 * Liveness for `/health`, with the database's reachability as the last probe found it (`database`:
 * see `DatabaseLiveness`; its age and duration are reported). Never throws.
 */
export function getHealth(deps: StatusDeps, database: LivenessReading): Health {
  return {
    status: database.connected ? 'ok' : 'degraded',
    version: deps.version,
    environment: deps.config.environment,
    database: { ...database, dialect: deps.db.dialect },
    uptime: uptimeSeconds(deps),
    timestamp: deps.now().toISOString(),
  };
}

/**
 * Whose bots a status counts: nobody's for anonymous callers (liveness only), the caller's own,
 * or everyone's for an admin (outside the enterprise surface).
 */
export type BotCountScope = { kind: 'none' } | { kind: 'own'; userId: string } | { kind: 'all' };

export function botCountScopeOf(principal: Principal): BotCountScope {
  return principal.kind === 'anonymous' ? { kind: 'none' } : signedInScope(principal);
}

/** {@link botCountScopeOf} for a caller known to be signed in. */
export function signedInScope(
  principal: AuthenticatedPrincipal,
): Exclude<BotCountScope, { kind: 'none' }> {
  return principal.role === 'admin' && !principal.ownResourcesOnly
    ? { kind: 'all' }
    : { kind: 'own', userId: principal.userId };
}

/** How many bots there are, by status, in one query; `undefined` when the database is down. */
async function countBotsByStatus(
  deps: StatusDeps,
  scope: BotCountScope,
): Promise<Map<string, number> | undefined> {
  try {
    if (scope.kind === 'none') return (await deps.db.ping()) ? new Map() : undefined;
    const groups = await deps.db.prisma.bot.groupBy({
      by: ['status'],
      where: scope.kind === 'own' ? { userId: scope.userId } : {},
      _count: { _all: true },
    });
    return new Map(groups.map((group) => [group.status, group._count._all]));
  } catch {
    return undefined;
  }
}

/**
 * Seed 003's system status: database, transports and, for a signed-in caller, how many of the
 * bots it may see run (`scope`). Anonymous callers get liveness only.
 */
export async function getSystemStatus(
  deps: StatusDeps,
  scope: BotCountScope,
): Promise<SystemStatus> {
  // The count doubles as the connectivity check: one round trip instead of three.
  const counts = await countBotsByStatus(deps, scope);
  const connected = counts !== undefined;
  const bots = scope.kind !== 'none' && {
    botsActive: counts?.get('ACTIVE') ?? 0,
    botsTotal: [...(counts?.values() ?? [])].reduce((sum, count) => sum + count, 0),
  };
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
    ...bots,
    timestamp: deps.now().toISOString(),
  };
}

/** A heartbeat's facts at this instant. */
export function heartbeatAt(deps: Pick<ServiceDeps, 'startedAt' | 'now'>, sequence: number) {
  const now = deps.now();
  return {
    sequence,
    timestamp: now.toISOString(),
    uptimeSeconds: Math.max(0, (now.getTime() - deps.startedAt.getTime()) / 1000),
  };
}
