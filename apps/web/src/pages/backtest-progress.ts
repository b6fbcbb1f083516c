import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';

type Progress = Pick<
  TradewindOutputs['backtests']['get'],
  'status' | 'progress' | 'barsDone' | 'totalBars' | 'error'
>;
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/**
 * A job's progress from `backtests.progress` (a subscription that sends the state, then each
 * change, until the job ends); once it ends the job is fetched again for its result.
 */
export function useBacktestProgress(backtestId: number, initial: Progress | undefined) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | undefined>(initial);
  const running = initial !== undefined && !FINISHED.includes(initial.status);
  useEffect(() => {
    if (!running) return;
    const subscription = api.backtests.progress.subscribe(
      { backtestId },
      {
        onData: (next) => {
          setProgress(next);
          if (FINISHED.includes(next.status)) {
            void queryClient.invalidateQueries({ queryKey: ['backtests'] });
          }
        },
      },
    );
    return () => subscription.unsubscribe();
  }, [backtestId, running, queryClient]);
  return running ? (progress ?? initial) : initial;
}
