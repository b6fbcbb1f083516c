import {
  type AuthenticatedPrincipal,
  DomainError,
  type Strategy,
  type ZStrategyCreateInput,
  type ZStrategyFromTemplateInput,
  type ZStrategyUpdateInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { BotDeps } from '../bots/bot-deps.ts';
import { authorizeStrategy, strategyInclude, strategyPermissions } from './strategy-access.ts';
import { checkParameters, type ResolvedConfig, resolveAlgorithm } from './strategy-config.ts';
import { startStrategy } from './strategy-execution.ts';
import { recordStrategyEvent } from './strategy-history.ts';
import { isRunning, toStrategy } from './strategy-mapping.ts';
import { findTemplate } from './strategy-templates.ts';

type CreateInput = z.output<typeof ZStrategyCreateInput>;

function columns(config: ResolvedConfig) {
  return {
    name: config.name,
    description: config.description,
    algorithm: config.algorithm,
    category: config.category,
    params: config.parameters as Prisma.InputJsonValue,
    riskLevel: config.riskLevel,
    tags: config.tags,
    timeframe: config.timeframe,
    symbols: config.symbols,
  };
}

/**
 * Creates a strategy owned by the caller (seed 002's POST /strategies): the algorithm (given, or
 * the category's) must be built in, and the parameters pass its schema unless
 * `validateParameters` is off. With `autoStart` it starts at once; if it cannot start (the
 * active-bot limit, say) it is not kept, so a failed call changes nothing.
 */
export async function createStrategy(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: CreateInput,
  origin: Record<string, unknown> = {},
): Promise<Strategy> {
  const { config } = input;
  const definition = resolveAlgorithm(config.algorithm, config.category);
  const resolved: ResolvedConfig = {
    name: config.name,
    description: config.description ?? null,
    algorithm: definition.name,
    category: config.category ?? definition.category,
    parameters: checkParameters(definition, config.parameters, input.validateParameters),
    riskLevel: config.riskLevel ?? definition.riskLevel,
    tags: config.tags,
    timeframe: config.timeframe,
    symbols: config.symbols,
  };
  const created = await deps.db.prisma.$transaction(async (tx) => {
    const row = await tx.strategy.create({
      data: { userId: principal.userId, ...columns(resolved) },
      include: strategyInclude(principal),
    });
    await recordStrategyEvent(tx, principal, row.id, 'created', origin);
    return row;
  });
  if (!input.autoStart) return toStrategy(created, strategyPermissions(principal, created));
  try {
    return await startStrategy(deps, principal, {
      strategyId: created.id,
      initialCash: input.initialCash,
    });
  } catch (error) {
    await deps.db.prisma.strategy.delete({ where: { id: created.id } });
    throw error;
  }
}

/**
 * Creates a strategy from a built-in template, the caller's fields overriding the template's.
 * @throws DomainError `NOT_FOUND` for an unknown template.
 */
export function createStrategyFromTemplate(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyFromTemplateInput>,
): Promise<Strategy> {
  const template = findTemplate(input.templateId);
  return createStrategy(
    deps,
    principal,
    {
      config: {
        name: input.name ?? template.name,
        description: input.description ?? template.description,
        algorithm: template.algorithm,
        category: template.category,
        parameters: { ...template.parameters, ...input.parameters },
        riskLevel: input.riskLevel ?? template.riskLevel,
        tags: input.tags ?? template.tags,
        timeframe: input.timeframe ?? template.timeframe,
        symbols: input.symbols,
      },
      autoStart: input.autoStart,
      validateParameters: true,
      initialCash: input.initialCash,
    },
    { templateId: template.id },
  );
}

/** Fields that change how the strategy trades: fixed while its bot runs. */
const TRADING_FIELDS = ['algorithm', 'parameters', 'symbols', 'timeframe'] as const;

/**
 * Changes a strategy's configuration (needs `write`), validated again as a whole: a new
 * algorithm brings its own category and default parameters unless they are given too.
 */
export async function updateStrategy(
  deps: Pick<BotDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyUpdateInput>,
): Promise<Strategy> {
  const changes = input.config;
  return deps.db.prisma.$transaction(async (tx) => {
    const { strategy, permissions } = await authorizeStrategy(
      tx,
      principal,
      input.strategyId,
      'write',
      { lock: true },
    );
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (field) => changes[field] !== undefined,
    );
    const trading = TRADING_FIELDS.filter((field) => changed.includes(field));
    if (trading.length > 0 && isRunning(strategy.bot)) {
      throw new DomainError(
        'CONFLICT',
        `Cannot change ${trading.join(', ')} of strategy ${strategy.id} while it runs; stop it first`,
        { strategyId: strategy.id, fields: trading },
      );
    }
    const newAlgorithm =
      changes.algorithm !== undefined && changes.algorithm !== strategy.algorithm;
    const definition = resolveAlgorithm(changes.algorithm ?? strategy.algorithm, undefined);
    const parameters =
      changes.parameters ?? (newAlgorithm ? {} : (strategy.params as ResolvedConfig['parameters']));
    const resolved: ResolvedConfig = {
      name: changes.name ?? strategy.name,
      description: changes.description === undefined ? strategy.description : changes.description,
      algorithm: definition.name,
      category:
        changes.category ??
        (newAlgorithm ? definition.category : (strategy.category as ResolvedConfig['category'])),
      parameters: checkParameters(definition, parameters, input.validateParameters),
      riskLevel: changes.riskLevel ?? (strategy.riskLevel as ResolvedConfig['riskLevel']),
      tags: changes.tags ?? strategy.tags,
      timeframe: changes.timeframe ?? (strategy.timeframe as ResolvedConfig['timeframe']),
      symbols: changes.symbols ?? strategy.symbols,
    };
    const row = await tx.strategy.update({
      where: { id: strategy.id },
      data: columns(resolved),
      include: strategyInclude(principal),
    });
    await recordStrategyEvent(tx, principal, strategy.id, 'updated', { fields: changed });
    return toStrategy(row, permissions);
  });
}

/**
 * Deletes a strategy with its shares and history (needs `delete`: its owner, an admin, or a user
 * it was shared with for deleting). Refused while it runs. The bots it ran stay, with their
 * trades and performance records.
 */
export async function deleteStrategy(
  deps: Pick<BotDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  strategyId: number,
): Promise<{ success: true; message: string }> {
  return deps.db.prisma.$transaction(async (tx) => {
    const { strategy } = await authorizeStrategy(tx, principal, strategyId, 'delete', {
      lock: true,
    });
    if (isRunning(strategy.bot)) {
      throw new DomainError(
        'CONFLICT',
        `Cannot delete strategy ${strategyId} while it runs (bot ${strategy.botId}); stop it first`,
        { strategyId, botId: strategy.botId },
      );
    }
    await tx.strategy.delete({ where: { id: strategyId } });
    return { success: true as const, message: `Strategy ${strategyId} deleted` };
  });
}
