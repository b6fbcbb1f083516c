import type {
  Backtest,
  BacktestMetrics,
  BacktestProgress,
  BacktestResult,
  BacktestSummary,
} from '@tradewind/core';
import type { Backtest as BacktestRow } from '@tradewind/db';

/** The columns lists read: everything but the request, the CSV and the result. */
export const SUMMARY_SELECT = {
  id: true,
  kind: true,
  name: true,
  status: true,
  progress: true,
  barsDone: true,
  totalBars: true,
  error: true,
  metrics: true,
  performanceRecordId: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

type SummaryRow = Pick<BacktestRow, keyof typeof SUMMARY_SELECT>;

export function toProgress(
  row: Pick<BacktestRow, 'id' | 'status' | 'progress' | 'barsDone' | 'totalBars' | 'error'>,
): BacktestProgress {
  return {
    backtestId: row.id,
    status: row.status,
    progress: row.progress,
    barsDone: row.barsDone,
    totalBars: row.totalBars,
    error: row.error,
  };
}

export function toSummary(row: SummaryRow): BacktestSummary {
  const { backtestId: _id, ...progress } = toProgress(row);
  return {
    ...progress,
    id: row.id,
    kind: row.kind as BacktestSummary['kind'],
    name: row.name,
    metrics: (row.metrics as BacktestMetrics | null) ?? null,
    performanceRecordId: row.performanceRecordId,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function toBacktest(row: BacktestRow): Backtest {
  return {
    ...toSummary(row),
    request: row.request as Record<string, unknown>,
    result: (row.result as BacktestResult | null) ?? null,
  };
}
