import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AuthenticatedPrincipal,
  BACKTEST_EVENT_TYPES,
  type BacktestProgress,
  FINISHED_BACKTEST_STATUSES,
  ZBacktestProgress,
} from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { backtestProgress } from './backtest-queries.ts';

/**
 * How often the stored state is read when the bus says nothing: events published while another
 * process's bus connection was down reach no one, but the row always has the latest state.
 */
const POLL_MS = 1_000;

const changed = (a: BacktestProgress, b: BacktestProgress) =>
  a.status !== b.status || a.barsDone !== b.barsDone || a.totalBars !== b.totalBars;

const isBacktestEvent = (type: string) =>
  (BACKTEST_EVENT_TYPES as readonly string[]).includes(type);

/**
 * A job's progress as it happens: its stored state first, then every change its
 * `backtest.progress` / `backtest.finished` events bring (from whichever process runs it),
 * ending with the job's final state. Someone else's job is NOT_FOUND before anything is sent.
 */
export async function* streamBacktestProgress(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  principal: AuthenticatedPrincipal,
  backtestId: number,
  signal: AbortSignal,
): AsyncGenerator<BacktestProgress> {
  await backtestProgress(deps, principal, backtestId);
  const heard: BacktestProgress[] = [];
  let wake = new AbortController();
  const unsubscribe = deps.events.subscribe((event) => {
    if (!isBacktestEvent(event.type)) return;
    const parsed = ZBacktestProgress.safeParse(event.payload);
    if (!parsed.success || parsed.data.backtestId !== backtestId) return;
    heard.push(parsed.data);
    wake.abort();
  });
  try {
    // Read after subscribing, so nothing between the read and the first event is missed.
    let current = await backtestProgress(deps, principal, backtestId);
    yield current;
    while (!FINISHED_BACKTEST_STATUSES.includes(current.status) && !signal.aborted) {
      if (heard.length === 0) {
        await sleep(POLL_MS, undefined, { signal: AbortSignal.any([signal, wake.signal]) }).catch(
          () => undefined,
        );
      }
      wake = new AbortController();
      if (signal.aborted) return;
      const next = heard.shift() ?? (await backtestProgress(deps, principal, backtestId));
      // Events from two processes (or a late one) must not move the stream backwards.
      if (changed(next, current) && !isBehind(next, current)) {
        current = next;
        yield current;
      }
    }
  } finally {
    unsubscribe();
  }
}

/** True when `next` is older news than `current`: fewer bars of the same run, or not final. */
function isBehind(next: BacktestProgress, current: BacktestProgress): boolean {
  if (FINISHED_BACKTEST_STATUSES.includes(next.status)) return false;
  return next.status === current.status && next.barsDone < current.barsDone;
}
