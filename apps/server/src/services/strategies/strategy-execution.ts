import {
  type AuthenticatedPrincipal,
  DomainError,
  type RiskLevel,
  type Strategy,
  ZBotCreateInput,
  type ZRiskMode,
  type ZStrategyStartInput,
} from '@tradewind/core';
import type { z } from 'zod';
import { deleteBot, stopBot } from '../bots/bot-commands.ts';
import type { BotDeps } from '../bots/bot-deps.ts';
import { createBot } from '../bots/create-bot.ts';
import { actingAsOwner, authorizeStrategy, strategyInclude } from './strategy-access.ts';
import { recordStrategyEvent } from './strategy-history.ts';
import { isRunning, toStrategy } from './strategy-mapping.ts';

/** A strategy's risk level picks its bot's default risk guards. */
const RISK_MODE_OF_LEVEL: Readonly<Record<RiskLevel, z.infer<typeof ZRiskMode>>> = {
  low: 'conservative',
  medium: 'balanced',
  high: 'aggressive',
};

function alreadyRunning(strategyId: number, botId: number | null): DomainError {
  return new DomainError('CONFLICT', `Strategy ${strategyId} is already running (bot ${botId})`, {
    strategyId,
    botId,
  });
}

/**
 * Starts a strategy (needs `execute`): creates a paper bot for it through the bot service, owned
 * by the strategy's owner, so the owner's active-bot limit applies and the owner sees it. The
 * bot is created in its own transaction; the strategy is then linked to it under the strategy's
 * row lock. If that link fails (a concurrent start won, or the strategy was deleted meanwhile)
 * the new bot is stopped and deleted again before the error is reported (its `bot.started` and
 * `bot.finished` events have gone out by then: they did happen).
 */
export async function startStrategy(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyStartInput>,
): Promise<Strategy> {
  const { prisma } = deps.db;
  const { strategy } = await authorizeStrategy(prisma, principal, input.strategyId, 'execute');
  if (isRunning(strategy.bot)) throw alreadyRunning(strategy.id, strategy.botId);
  const owner = actingAsOwner(principal, strategy);
  const bot = await createBot(
    deps,
    owner,
    ZBotCreateInput.parse({
      name: strategy.name,
      initialCash: input.initialCash,
      symbols: strategy.symbols,
      strategy: strategy.algorithm,
      params: strategy.params,
      timeframe: strategy.timeframe,
      riskMode: RISK_MODE_OF_LEVEL[strategy.riskLevel as RiskLevel],
    }),
  );
  try {
    return await prisma.$transaction(async (tx) => {
      const { strategy: current, permissions } = await authorizeStrategy(
        tx,
        principal,
        strategy.id,
        'execute',
        { lock: true },
      );
      if (isRunning(current.bot)) throw alreadyRunning(current.id, current.botId);
      await tx.strategyRun.create({
        data: { strategyId: current.id, botId: bot.id, startedBy: principal.userId },
      });
      const row = await tx.strategy.update({
        where: { id: current.id },
        data: { botId: bot.id },
        include: strategyInclude(principal),
      });
      await recordStrategyEvent(tx, principal, current.id, 'started', {
        botId: bot.id,
        initialCash: input.initialCash,
      });
      return toStrategy(row, permissions);
    });
  } catch (error) {
    // Undo the bot: it never traded for the strategy, so it keeps no performance record either.
    await stopBot(deps, owner, bot.id, 'terminate');
    await prisma.performanceRecord.deleteMany({ where: { botId: bot.id } });
    await deleteBot(deps, owner, bot.id);
    throw error;
  }
}

/** Stops a running strategy's bot (needs `execute`): it closes as COMPLETED with final cash. */
export async function stopStrategy(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  strategyId: number,
): Promise<Strategy> {
  const { prisma } = deps.db;
  const { strategy } = await authorizeStrategy(prisma, principal, strategyId, 'execute');
  if (strategy.botId === null || !isRunning(strategy.bot)) {
    throw new DomainError('CONFLICT', `Strategy ${strategyId} is not running`, { strategyId });
  }
  const botId = strategy.botId;
  await stopBot(deps, actingAsOwner(principal, strategy), botId, 'stop');
  return prisma.$transaction(async (tx) => {
    await recordStrategyEvent(tx, principal, strategyId, 'stopped', { botId });
    const { strategy: stopped, permissions } = await authorizeStrategy(
      tx,
      principal,
      strategyId,
      'execute',
    );
    return toStrategy(stopped, permissions);
  });
}
