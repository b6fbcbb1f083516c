import {
  type AuthenticatedPrincipal,
  type Bot,
  DomainError,
  isDomainError,
  nextBotStatus,
  RUNNING_STATUSES,
  SIMULATOR_FEED,
  type ZBotCreateInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { getStrategyDefinition } from '@tradewind/engine';
import type { ExchangeClient } from '@tradewind/venues';
import type { z } from 'zod';
import { ownedAccount } from '../accounts/account-access.ts';
import { checkLiveStart } from '../orders/live-start.ts';
import { newBotDefaults } from '../settings/new-bot-defaults.ts';
import type { BotDeps } from './bot-deps.ts';
import { OPEN_POSITIONS, toBot } from './bot-mapping.ts';
import { inBotTransaction } from './bot-transaction.ts';

/** Statuses that count against the active-bot limit. */
const OCCUPYING = ['CREATED', ...RUNNING_STATUSES] as const;

/**
 * Creates a bot and starts it (seed 000's POST /bots): the strategy and its parameters are
 * validated against the engine's registry, the end time must lie ahead, LIVE meets its
 * conditions (`checkLiveStart`), and the user's active-bot limit holds even under concurrent requests (the user row
 * is locked while counting). The runner picks the bot up on its next tick.
 */
export async function createBot(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBotCreateInput>,
): Promise<Bot> {
  if (input.accountId !== undefined) {
    // Someone else's account answers like a missing one, before anything else is judged.
    await ownedAccount(deps, principal, input.accountId);
    if (input.mode !== 'LIVE') {
      throw new DomainError(
        'VALIDATION_ERROR',
        'accountId: only LIVE bots trade on an account (connect a paper bot with botAccounts.connect)',
        { field: 'accountId' },
      );
    }
  }
  const definition = getStrategyDefinition(input.strategy);
  const params = definition.parseParams(input.params);
  const live =
    input.mode === 'LIVE' ? await checkLiveStart(deps, principal.userId, input) : undefined;
  const feed = live?.feed ?? input.feed ?? SIMULATOR_FEED;
  if (feed !== SIMULATOR_FEED) await assertExchangeLists(deps, feed, input.symbols);
  const { riskMode, risk } = await newBotDefaults(deps, principal.userId, input);
  const now = deps.now();
  const scheduledEndTime = input.scheduledEndTime ? new Date(input.scheduledEndTime) : null;
  if (scheduledEndTime && scheduledEndTime <= now) {
    throw new DomainError('VALIDATION_ERROR', 'scheduledEndTime: must be in the future', {
      field: 'scheduledEndTime',
    });
  }
  return inBotTransaction(deps, async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${principal.userId}::uuid FOR UPDATE`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: principal.userId } });
    const occupying = await tx.bot.findMany({
      where: { userId: user.id, status: { in: [...OCCUPYING] } },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    if (occupying.length >= user.activeBotLimit) {
      throw new DomainError('CONFLICT', 'User already has an active trading session', {
        activeBotId: occupying[0]?.id,
      });
    }
    const row = await tx.bot.create({
      data: {
        userId: user.id,
        name: input.name ?? `${definition.name} ${input.symbols.join(',')}`,
        status: nextBotStatus('CREATED', 'start'),
        mode: input.mode,
        strategy: definition.name,
        params: params as Prisma.InputJsonValue,
        symbols: input.symbols,
        timeframe: input.timeframe,
        feed,
        riskMode,
        risk: risk as Prisma.InputJsonValue,
        initialCash: input.initialCash,
        currentCash: input.initialCash,
        peakEquity: input.initialCash,
        startTime: now,
        scheduledEndTime,
        ...(live && { accountId: live.accountId, restartPolicy: input.restartPolicy ?? 'resume' }),
      },
      include: OPEN_POSITIONS,
    });
    return {
      result: toBot(row),
      events: [
        {
          type: 'bot.started',
          userId: user.id,
          botId: row.id,
          payload: { botId: row.id, strategy: row.strategy, symbols: row.symbols },
        },
      ],
    };
  });
}

/**
 * An exchange feed must name a listed exchange (the error lists the known ones) that lists
 * every symbol; an unreachable exchange is the venue's PROVIDER_ERROR.
 */
async function assertExchangeLists(
  deps: Pick<BotDeps, 'venues'>,
  feed: string,
  symbols: readonly string[],
): Promise<void> {
  let client: ExchangeClient;
  try {
    client = deps.venues.client({ exchangeId: feed });
  } catch (error) {
    if (isDomainError(error) && error.details?.field === 'exchange') {
      throw new DomainError('VALIDATION_ERROR', error.message.replace(/^exchange:/, 'feed:'), {
        ...error.details,
        field: 'feed',
      });
    }
    throw error;
  }
  const listed = new Set(await client.listSymbols());
  const missing = symbols.filter((symbol) => !listed.has(symbol));
  if (missing.length > 0) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `symbols: ${feed} has no market ${missing.join(', ')} (symbols look like BTC/USDT)`,
      { field: 'symbols', feed, missing },
    );
  }
}
