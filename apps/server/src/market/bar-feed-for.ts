import { SIMULATOR_FEED } from '@tradewind/core';
import type { ServiceDeps } from '../service-deps.ts';
import type { BarFeed } from './bar-feed.ts';
import { ExchangeFeed } from './exchange-feed.ts';
import { simulatorFeed } from './simulator-feed.ts';

/** The feed a bot names: the simulator, or an exchange through its shared venues client. */
export function barFeedFor(
  deps: Pick<ServiceDeps, 'db' | 'market' | 'venues' | 'now'>,
  feed: string,
): BarFeed {
  if (feed === SIMULATOR_FEED) return simulatorFeed(deps.market);
  return new ExchangeFeed(deps.venues.client({ exchangeId: feed }), deps.db, deps.now);
}
