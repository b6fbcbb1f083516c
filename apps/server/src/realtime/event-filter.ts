import {
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  DomainError,
  type DomainEventType,
  type RealtimeScope,
} from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { DomainEvent } from '../events/event-bus.ts';
import { botNotFound } from '../services/bots/bot-transaction.ts';

/** Which events a stream carries. */
export type EventFilter = {
  /** Whose events; null: everyone's (an admin's `scope: 'all'`). */
  userId: string | null;
  botId?: number;
  types?: readonly DomainEventType[];
};

export function matchesFilter(filter: EventFilter, event: DomainEvent): boolean {
  if (filter.userId !== null && event.userId !== filter.userId) return false;
  if (filter.botId !== undefined && event.botId !== filter.botId) return false;
  return filter.types === undefined || filter.types.includes(event.type);
}

/**
 * The filter a principal may have: their own events by default; one bot's only if they may see
 * that bot (someone else's answers exactly like a missing one); everyone's for admins only.
 */
export async function resolveEventFilter(
  db: Database,
  principal: AuthenticatedPrincipal,
  request: { botId?: number; types?: readonly DomainEventType[]; scope?: RealtimeScope },
): Promise<EventFilter> {
  const wide = request.scope === 'all';
  if (wide && principal.role !== 'admin') {
    throw new DomainError('PERMISSION_DENIED', "Only admins may stream every user's events", {
      scope: 'all',
    });
  }
  let userId: string | null = wide ? null : principal.userId;
  if (request.botId !== undefined) {
    const bot = await db.prisma.bot.findUnique({
      where: { id: request.botId },
      select: { userId: true },
    });
    if (bot === null || !canAccessOwnedResource(principal, bot.userId)) {
      throw botNotFound(request.botId);
    }
    if (!wide) userId = bot.userId;
  }
  return {
    userId,
    ...(request.botId !== undefined && { botId: request.botId }),
    ...(request.types && { types: request.types }),
  };
}
