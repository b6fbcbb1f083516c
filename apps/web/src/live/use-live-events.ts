import { useQueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '@tradewind/core';
import { useEffect } from 'react';
import { api } from '../api/trpc.ts';

type LiveEvent = { id: string; data: RealtimeEvent };
export const LIVE_EVENTS_KEY = ['live', 'events'] as const;
const KEPT = 50;

/**
 * The signed-in user's event stream, open while the app is: each event refreshes the queries
 * it affects (bots, trades, alerts) and joins the recent list the overview shows. After a
 * drop (the socket closes, the access token lapses) it subscribes again with the last event
 * id it saw, so the server replays what was missed.
 */
export function useLiveEvents(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let lastEventId: string | null = null;
    let retryMs = 1_000;
    let stopped = false;
    let unsubscribe = () => {};
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const subscription = api.realtime.events.subscribe(
        { lastEventId },
        {
          onData: ({ id, data }: LiveEvent) => {
            lastEventId = id;
            retryMs = 1_000;
            queryClient.setQueryData<RealtimeEvent[]>(LIVE_EVENTS_KEY, (events = []) =>
              [data, ...events].slice(0, KEPT),
            );
            void queryClient.invalidateQueries({ queryKey: ['bots'] });
            if (data.type === 'trade.executed')
              void queryClient.invalidateQueries({ queryKey: ['trades'] });
            if (data.type === 'alert') void queryClient.invalidateQueries({ queryKey: ['alerts'] });
            if (data.type.startsWith('backtest.'))
              void queryClient.invalidateQueries({ queryKey: ['backtests', 'list'] });
          },
          onError: () => {
            if (stopped) return;
            retry = setTimeout(open, retryMs);
            retryMs = Math.min(retryMs * 2, 15_000);
          },
        },
      );
      unsubscribe = () => subscription.unsubscribe();
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      unsubscribe();
    };
  }, [enabled, queryClient]);
}
