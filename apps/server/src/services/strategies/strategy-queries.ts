import {
  type AuthenticatedPrincipal,
  type StrategyCategoryUsage,
  type StrategyDetail,
  type StrategyList,
  ZStrategyCategory,
  type ZStrategyListInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { STRATEGY_REGISTRY } from '@tradewind/engine';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import {
  authorizeStrategy,
  readableStrategies,
  strategyInclude,
  strategyPermissions,
} from './strategy-access.ts';
import { isRunning, strategiesInStatus, toStrategy } from './strategy-mapping.ts';
import { readPerformance } from './strategy-performance.ts';
import { readSignals } from './strategy-signals.ts';
import { STRATEGY_TEMPLATES } from './strategy-templates.ts';

type ListInput = z.output<typeof ZStrategyListInput>;

const SORT_COLUMNS = {
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  name: 'name',
  category: 'category',
  risk_level: 'riskLevel',
} as const satisfies Record<ListInput['sortBy'], keyof Prisma.StrategyOrderByWithRelationInput>;

/** Signals `get` shows beside the configuration. */
const RECENT_SIGNALS = 10;

/**
 * Seed 002's GET /strategies: the strategies the caller may read (own, shared with them; every
 * one for admins), filtered, sorted (ties by id) and paged, with the total count.
 */
export async function listStrategies(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: ListInput,
): Promise<StrategyList> {
  const filters: Prisma.StrategyWhereInput[] = [readableStrategies(principal, input.scope)];
  if (input.category) filters.push({ category: input.category });
  if (input.riskLevel) filters.push({ riskLevel: input.riskLevel });
  if (input.status) filters.push(strategiesInStatus(input.status));
  if (input.tags?.length) filters.push({ tags: { hasEvery: input.tags } });
  if (input.search) {
    const contains = { contains: input.search, mode: 'insensitive' } as const;
    filters.push({ OR: [{ name: contains }, { description: contains }] });
  }
  const where = { AND: filters };
  const { prisma } = deps.db;
  const [total, rows] = await Promise.all([
    prisma.strategy.count({ where }),
    prisma.strategy.findMany({
      where,
      include: strategyInclude(principal),
      orderBy: [{ [SORT_COLUMNS[input.sortBy]]: input.sortOrder }, { id: input.sortOrder }],
      skip: (input.page - 1) * input.size,
      take: input.size,
    }),
  ]);
  return {
    items: rows.map((row) => toStrategy(row, strategyPermissions(principal, row))),
    pagination: {
      page: input.page,
      size: input.size,
      total,
      pages: Math.ceil(total / input.size),
    },
  };
}

/** Seed 002's GET /strategies/{id} (needs `read`): configuration, performance, recent signals. */
export async function getStrategy(
  deps: Pick<ServiceDeps, 'db' | 'config' | 'now'>,
  principal: AuthenticatedPrincipal,
  strategyId: number,
): Promise<StrategyDetail> {
  const { prisma } = deps.db;
  const { strategy, permissions } = await authorizeStrategy(prisma, principal, strategyId, 'read');
  const [performance, recentSignals] = await Promise.all([
    readPerformance(prisma, deps, strategy, 'all'),
    readSignals(prisma, strategyId, { limit: RECENT_SIGNALS }),
  ]);
  return { ...toStrategy(strategy, permissions), performance, recentSignals };
}

/** Seed 002's GET /strategies/categories: each category with usage among readable strategies. */
export async function strategyCategories(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<StrategyCategoryUsage[]> {
  const rows = await deps.db.prisma.strategy.findMany({
    where: readableStrategies(principal, 'all'),
    select: { category: true, bot: { select: { status: true } } },
  });
  const definitions = [...STRATEGY_REGISTRY.values()];
  return ZStrategyCategory.options.map((category) => {
    const used = rows.filter((row) => row.category === category);
    return {
      category,
      algorithms: definitions
        .filter((definition) => definition.category === category)
        .map((definition) => definition.name),
      strategies: used.length,
      active: used.filter((row) => isRunning(row.bot)).length,
      templates: STRATEGY_TEMPLATES.filter((template) => template.category === category).length,
    };
  });
}
