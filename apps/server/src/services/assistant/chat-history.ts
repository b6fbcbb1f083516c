import type { ChatCleared, ChatHistory, ChatRole } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';

type Deps = Pick<ServiceDeps, 'db'>;

/** Stores messages of one user's conversation, in order. */
export async function appendChatMessages(
  deps: Deps,
  userId: string,
  messages: { role: ChatRole; content: string; createdAt: Date }[],
): Promise<void> {
  await deps.db.prisma.chatMessage.createMany({
    data: messages.map((message) => ({ userId, ...message })),
  });
}

/** The user's latest `limit` messages, oldest first (seed 003's history). */
export async function chatHistory(deps: Deps, userId: string, limit: number): Promise<ChatHistory> {
  const rows = await deps.db.prisma.chatMessage.findMany({
    where: { userId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  return {
    success: true,
    messages: rows.reverse().map((row) => ({
      role: row.role as ChatRole,
      content: row.content,
      timestamp: row.createdAt.toISOString(),
    })),
  };
}

/** Deletes the user's whole conversation. */
export async function clearChatHistory(deps: Deps, userId: string): Promise<ChatCleared> {
  await deps.db.prisma.chatMessage.deleteMany({ where: { userId } });
  return { success: true, message: 'Chat history cleared' };
}
