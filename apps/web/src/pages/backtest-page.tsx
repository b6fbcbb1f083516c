import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatMoney, formatPercent, pnlClass } from '../ui/format.ts';
import { LineChart } from '../ui/line-chart.tsx';
import { useBacktestProgress } from './backtest-progress.ts';

type Result = NonNullable<TradewindOutputs['backtests']['get']['result']>;
type Metrics = NonNullable<TradewindOutputs['backtests']['get']['metrics']>;

function Figures({ metrics }: { metrics: Metrics }) {
  const ratio = (value: number | null) => value?.toFixed(2) ?? '—';
  const figures: [string, string, string][] = [
    ['Final equity', formatMoney(metrics.finalEquity), ''],
    ['P&L', formatMoney(metrics.pnl), pnlClass(metrics.pnl)],
    ['Total return', formatPercent(metrics.totalReturn), pnlClass(metrics.totalReturn)],
    ['Sharpe', ratio(metrics.sharpeRatio), ''],
    ['Sortino', ratio(metrics.sortinoRatio), ''],
    ['Max drawdown', formatPercent(metrics.maxDrawdown), ''],
    ['Win rate', formatPercent(metrics.winRate), ''],
    ['Trades', String(metrics.totalTrades), ''],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {figures.map(([label, value, tone]) => (
        <div key={label} className="rounded-lg border border-line bg-panel p-3">
          <dt className="text-xs text-muted">{label}</dt>
          <dd className={`text-lg font-semibold ${tone}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Curves({ result }: { result: Result }) {
  const equity = useMemo(
    () =>
      result.equityCurve.times.map((time, index) => ({
        time,
        value: result.equityCurve.equity[index] ?? 0,
      })),
    [result],
  );
  const drawdown = useMemo(
    () =>
      result.equityCurve.times.map((time, index) => ({
        time,
        value: -100 * (result.drawdownCurve[index] ?? 0),
      })),
    [result],
  );
  return (
    <>
      <Card title="Equity">
        <LineChart label="Backtest equity curve" points={equity} />
      </Card>
      <Card title="Drawdown (%)">
        <LineChart label="Backtest drawdown curve" points={drawdown} height={160} />
      </Card>
      {result.monteCarlo && (
        <Card title={`Monte Carlo (${result.monteCarlo.runs} runs)`}>
          <table className="w-full text-left text-sm" aria-label="Monte Carlo bands">
            <thead className="text-muted">
              <tr>
                <th>Band</th>
                <th>Final equity</th>
                <th>Max drawdown</th>
              </tr>
            </thead>
            <tbody>
              {(['p5', 'p25', 'p50', 'p75', 'p95'] as const).map((band) => (
                <tr key={band} className="border-t border-line">
                  <td className="py-1">{band}</td>
                  <td>{formatMoney(result.monteCarlo?.finalEquity[band])}</td>
                  <td>{formatPercent(result.monteCarlo?.maxDrawdown[band])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm">
            Probability of a loss: {formatPercent(result.monteCarlo.probabilityOfLoss)}
          </p>
        </Card>
      )}
      <Card title={`Closed trades (${result.trades.length + result.tradesOmitted})`}>
        {result.trades.length ? (
          <p className="text-sm text-muted">
            {result.trades.length} round trips over {result.barsProcessed} bars of{' '}
            {result.symbols.join(', ')}.
          </p>
        ) : (
          <EmptyState>The strategy closed no trade over these bars.</EmptyState>
        )}
      </Card>
    </>
  );
}

/** One backtest job: live progress with cancel while it runs, then its metrics and charts. */
export function BacktestPage() {
  const backtestId = Number(useParams({ from: '/app/backtests/$backtestId' }).backtestId);
  const job = useQuery({
    queryKey: ['backtests', 'get', backtestId],
    queryFn: () => api.backtests.get.query({ backtestId }),
  });
  const progress = useBacktestProgress(backtestId, job.data);
  const cancel = useMutation({ mutationFn: () => api.backtests.cancel.mutate({ backtestId }) });
  if (job.error) return <EmptyState>{describeError(job.error).message}</EmptyState>;
  if (!job.data || !progress) return <p aria-busy="true">Loading…</p>;
  const running = progress.status === 'QUEUED' || progress.status === 'RUNNING';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{job.data.name}</h1>
        <span className="rounded bg-surface px-2 py-1 text-sm">
          <span className="sr-only">Status: </span>
          {progress.status}
        </span>
        {running && (
          <div className="ml-auto">
            <ConfirmButton
              label="Cancel backtest"
              title="Cancel this backtest?"
              description="It stops within a progress step; nothing of it is kept."
              confirmLabel="Cancel it"
              busy={cancel.isPending}
              onConfirm={() => cancel.mutate()}
            />
          </div>
        )}
      </div>
      {running && (
        <div>
          <div
            role="progressbar"
            aria-label="Backtest progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress.progress)}
            className="h-3 w-full overflow-hidden rounded bg-surface"
          >
            <div className="h-full bg-accent" style={{ width: `${progress.progress}%` }} />
          </div>
          <p className="mt-1 text-sm text-muted">
            {progress.barsDone} of {progress.totalBars || '…'} bars
          </p>
        </div>
      )}
      {(progress.error || cancel.error) && (
        <p role="alert" className="text-sm text-danger">
          {progress.error ?? describeError(cancel.error).message}
        </p>
      )}
      {job.data.metrics && <Figures metrics={job.data.metrics} />}
      {job.data.result && <Curves result={job.data.result} />}
    </div>
  );
}
