import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AuthenticatedPrincipal,
  type BacktestProgress,
  FINISHED_BACKTEST_STATUSES,
} from '@tradewind/core';
import type { ServerDeps } from '../../server-deps.ts';
import { backtestProgress } from './backtest-queries.ts';

/** How often the stored state is read when nothing was heard (a job run by another process). */
const POLL_MS = 1_000;

const changed = (a: BacktestProgress, b: BacktestProgress) =>
  a.status !== b.status || a.barsDone !== b.barsDone || a.totalBars !== b.totalBars;

/**
 * A job's progress as it happens: its stored state first, then every change (this process's
 * runner tells at once; a job another process runs is read back every second), ending with the
 * job's final state. Someone else's job is NOT_FOUND before anything is sent.
 */
export async function* streamBacktestProgress(
  deps: Pick<ServerDeps, 'db' | 'backtests'>,
  principal: AuthenticatedPrincipal,
  backtestId: number,
  signal: AbortSignal,
): AsyncGenerator<BacktestProgress> {
  await backtestProgress(deps, principal, backtestId);
  const heard: BacktestProgress[] = [];
  let wake = new AbortController();
  const unsubscribe = deps.backtests.subscribe(backtestId, (progress) => {
    heard.push(progress);
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
      if (changed(next, current)) {
        current = next;
        yield current;
      }
    }
  } finally {
    unsubscribe();
  }
}
