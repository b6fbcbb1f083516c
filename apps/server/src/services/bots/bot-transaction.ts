import { type AuthenticatedPrincipal, canAccessOwnedResource, DomainError } from '@tradewind/core';
import type { Bot, Prisma } from '@tradewind/db';
import type { DomainEvent } from '../../events/event-bus.ts';
import { type PendingEvent, writeOutbox } from '../../events/outbox.ts';
import type { BotDeps } from './bot-deps.ts';

/** Someone else's bot answers exactly like a missing one. */
export function botNotFound(botId: number): DomainError {
  return new DomainError('NOT_FOUND', `Bot ${botId} not found`, { botId });
}

/** Throws NOT_FOUND unless the bot exists and the principal may see it. */
export async function assertBotVisible(
  prisma: Prisma.TransactionClient,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<void> {
  const bot = await prisma.bot.findUnique({ where: { id: botId }, select: { userId: true } });
  if (bot === null || !canAccessOwnedResource(principal, bot.userId)) throw botNotFound(botId);
}

/** Loads and row-locks a bot the principal may act on, inside a transaction. */
export async function lockOwnedBot(
  tx: Prisma.TransactionClient,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<Bot> {
  await tx.$queryRaw`SELECT id FROM bots WHERE id = ${botId} FOR UPDATE`;
  const bot = await tx.bot.findUnique({ where: { id: botId } });
  if (bot === null || !canAccessOwnedResource(principal, bot.userId)) throw botNotFound(botId);
  return bot;
}

/**
 * Runs `work` in a transaction, writes the events it returns to the outbox in that same
 * transaction, and publishes them on the bus once it has committed.
 */
export async function inBotTransaction<T>(
  deps: Pick<BotDeps, 'db' | 'events'>,
  work: (tx: Prisma.TransactionClient) => Promise<{ result: T; events: PendingEvent[] }>,
): Promise<T> {
  let published: DomainEvent[] = [];
  const result = await deps.db.prisma.$transaction(
    async (tx) => {
      const { result, events } = await work(tx);
      published = await writeOutbox(tx, events);
      return result;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  deps.events.publish(published);
  return result;
}
