import {
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  DomainError,
  type DomainEventType,
  type RealtimeScope,
} from '@tradewind/core';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import { findBotOwner } from '../services/bots/bot-owner.ts';
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
  deps: Pick<ServiceDeps, 'db'>,
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
    const owner = await findBotOwner(deps, request.botId);
    if (owner === null || !canAccessOwnedResource(principal, owner)) {
      throw botNotFound(request.botId);
    }
    if (!wide) userId = owner;
  }
  return {
    userId,
    ...(request.botId !== undefined && { botId: request.botId }),
    ...(request.types && { types: request.types }),
  };
}
