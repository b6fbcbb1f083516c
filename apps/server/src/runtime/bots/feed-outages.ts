import { isDomainError } from '@tradewind/core';
import type { PendingEvent } from '../../events/outbox.ts';

/** A bot as its feed's outages concern it. */
export type FeedBot = { botId: number; userId: string; feed: string };

/** An exchange that cannot be reached or answers with errors: the bot waits, it does not fail. */
export function isFeedOutage(error: unknown): error is Error {
  return isDomainError(error) && error.code === 'PROVIDER_ERROR';
}

/**
 * Bots waiting for their feed to answer again. A bot whose feed fails processes no bar and so
 * fills nothing; its owner gets one `feed_unavailable` alert per outage saying why, and a
 * `feed_restored` one when the feed answers again.
 */
export class FeedOutages {
  /** Bot id -> the reason its `feed_unavailable` alert gave. */
  readonly #waiting = new Map<number, string>();

  /** The feed failed: the alert to raise, or undefined when this outage already raised it. */
  failed(bot: FeedBot, error: Error): PendingEvent | undefined {
    if (this.#waiting.has(bot.botId)) return undefined;
    this.#waiting.set(bot.botId, error.message);
    return alert(bot, {
      kind: 'feed_unavailable',
      message: `Waiting for ${bot.feed}: ${error.message}. No bar is processed and nothing fills until it answers again.`,
      values: { feed: bot.feed, reason: error.message },
    });
  }

  /** The feed answered: the alert to raise when it ends an outage, else undefined. */
  answered(bot: FeedBot): PendingEvent | undefined {
    const reason = this.#waiting.get(bot.botId);
    if (reason === undefined) return undefined;
    this.#waiting.delete(bot.botId);
    return alert(bot, {
      kind: 'feed_restored',
      message: `${bot.feed} answers again; the bot resumes from its next closed bar`,
      values: { feed: bot.feed, previousReason: reason },
    });
  }

  /** Forgets bots this process no longer holds (all of them without `held`). */
  release(held?: ReadonlySet<number>): void {
    for (const id of this.#waiting.keys()) if (!held?.has(id)) this.#waiting.delete(id);
  }
}

function alert(
  bot: FeedBot,
  payload: { kind: string; message: string; values: Record<string, unknown> },
): PendingEvent {
  return {
    type: 'alert',
    userId: bot.userId,
    botId: bot.botId,
    payload: { botId: bot.botId, ...payload },
  };
}
