import type { ServiceDeps } from '../../service-deps.ts';

/** The user id owning a bot, or null when there is no such bot (callers answer both alike). */
export async function findBotOwner(
  deps: Pick<ServiceDeps, 'db'>,
  botId: number,
): Promise<string | null> {
  const bot = await deps.db.prisma.bot.findUnique({
    where: { id: botId },
    select: { userId: true },
  });
  return bot?.userId ?? null;
}
