import type {
  BotStatus,
  RiskLevel,
  Strategy,
  StrategyCategory,
  StrategyPermission,
  StrategyStatus,
  Timeframe,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { StrategyWithAccess } from './strategy-access.ts';

const STATUS_OF_BOT: Readonly<Record<BotStatus, StrategyStatus>> = {
  CREATED: 'active',
  ACTIVE: 'active',
  STOPPING: 'active',
  PAUSED: 'paused',
  ERROR: 'error',
  COMPLETED: 'inactive',
};

/** A strategy's status is its current bot's: `inactive` without one or once it finished. */
export function strategyStatus(bot: { status: BotStatus } | null): StrategyStatus {
  return bot === null ? 'inactive' : STATUS_OF_BOT[bot.status];
}

/** True while the strategy's bot runs (active or paused): it cannot start again or be deleted. */
export function isRunning(bot: { status: BotStatus } | null): boolean {
  const status = strategyStatus(bot);
  return status === 'active' || status === 'paused';
}

/** Prisma filter for strategies in `status`, the inverse of {@link strategyStatus}. */
export function strategiesInStatus(status: StrategyStatus): Prisma.StrategyWhereInput {
  const botStatuses = (Object.keys(STATUS_OF_BOT) as BotStatus[]).filter(
    (botStatus) => STATUS_OF_BOT[botStatus] === status,
  );
  const withBot = { bot: { status: { in: botStatuses } } };
  return status === 'inactive' ? { OR: [{ botId: null }, withBot] } : withBot;
}

/** A strategy as the API shows it, with what the caller may do with it. */
export function toStrategy(row: StrategyWithAccess, permissions: StrategyPermission[]): Strategy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    algorithm: row.algorithm,
    category: row.category as StrategyCategory,
    parameters: row.params as Strategy['parameters'],
    riskLevel: row.riskLevel as RiskLevel,
    tags: row.tags,
    timeframe: row.timeframe as Timeframe,
    symbols: row.symbols,
    status: strategyStatus(row.bot),
    botId: row.botId,
    ownerId: row.userId,
    permissions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
