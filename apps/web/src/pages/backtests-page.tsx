import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/trpc.ts';
import { Card, EmptyState } from '../ui/card.tsx';
import { formatPercent, formatTime } from '../ui/format.ts';
import { Pager } from '../ui/pager.tsx';
import { BacktestForm } from './backtest-form.tsx';

const SIZE = 20;

/** The run form and the caller's backtest jobs, newest first, live (each event refetches). */
export function BacktestsPage() {
  const { strategyId } = useSearch({ from: '/app/backtests' });
  const [page, setPage] = useState(1);
  const jobs = useQuery({
    queryKey: ['backtests', 'list', page],
    queryFn: () => api.backtests.list.query({ page, size: SIZE }),
  });
  const pages = Math.max(1, Math.ceil((jobs.data?.total ?? 0) / SIZE));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Backtests</h1>
      <BacktestForm strategyId={strategyId} />
      <Card title={`Your backtests (${jobs.data?.total ?? 0})`}>
        {jobs.data?.items.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Backtests">
              <thead className="text-muted">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Kind</th>
                  <th>Status</th>
                  <th>Return</th>
                  <th>Sharpe</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.items.map((job) => (
                  <tr key={job.id} className="border-t border-line">
                    <td className="py-2">
                      <Link
                        to="/backtests/$backtestId"
                        params={{ backtestId: String(job.id) }}
                        className="underline"
                      >
                        {job.name}
                      </Link>
                    </td>
                    <td>{job.kind}</td>
                    <td>
                      {job.status}
                      {job.status === 'RUNNING' && ` ${Math.round(job.progress)} %`}
                    </td>
                    <td>{formatPercent(job.metrics?.totalReturn)}</td>
                    <td>{job.metrics?.sharpeRatio?.toFixed(2) ?? '—'}</td>
                    <td>{formatTime(job.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>No backtests yet: run one above.</EmptyState>
        )}
        {pages > 1 && <Pager label="Backtest pages" page={page} pages={pages} onPage={setPage} />}
      </Card>
    </div>
  );
}
