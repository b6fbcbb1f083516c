import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { RealtimeEvent } from '@tradewind/core';
import { api } from '../api/trpc.ts';
import { LIVE_EVENTS_KEY } from '../live/use-live-events.ts';
import { Card, EmptyState } from '../ui/card.tsx';
import { formatMoney, formatTime, pnlClass } from '../ui/format.ts';
import { TradesTable } from './trades-table.tsx';

function Figure({
  label,
  value,
  className = '',
}: {
  label: string;
  value: string;
  className?: string;
}) {
  return (
    <div className="rounded-lg border border-line bg-panel p-4">
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className={`mt-1 text-2xl font-semibold ${className}`}>{value}</p>
    </div>
  );
}

function startOfToday(): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Equity, today's P&L, active bots, recent trades and alerts: all refreshed by live events. */
export function OverviewPage() {
  const overview = useQuery({
    queryKey: ['bots', 'overview'],
    queryFn: () => api.performance.overview.query(),
  });
  const bots = useQuery({
    queryKey: ['bots', 'list', 'ACTIVE'],
    queryFn: () => api.bots.list.query({ status: 'ACTIVE' }),
  });
  const trades = useQuery({
    queryKey: ['trades', 'recent'],
    queryFn: () => api.trades.list.query({ limit: 1000 }),
  });
  const alerts = useQuery({
    queryKey: ['alerts', 'recent'],
    queryFn: () => api.alerts.list.query({ limit: 10 }),
  });
  const events = useQuery<RealtimeEvent[]>({
    queryKey: LIVE_EVENTS_KEY,
    queryFn: () => [],
    staleTime: Infinity,
  });
  const today = startOfToday();
  const pnlToday = (trades.data?.trades ?? [])
    .filter((trade) => new Date(trade.timestamp).getTime() >= today)
    .reduce((sum, trade) => sum + (trade.pnl ?? 0), 0);
  const noBots = overview.data?.totalBots === 0;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {noBots && (
        <EmptyState>
          You have no bots yet.{' '}
          <Link to="/bots/new" className="underline">
            Start your first paper bot
          </Link>{' '}
          on the simulated market: it trades with play money and its trades appear here live.
        </EmptyState>
      )}
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Figure label="Total equity" value={formatMoney(overview.data?.totalCapital)} />
        <Figure
          label="P&L today (realized)"
          value={formatMoney(pnlToday)}
          className={pnlClass(pnlToday)}
        />
        <Figure
          label="Total P&L"
          value={formatMoney(overview.data?.totalProfit)}
          className={pnlClass(overview.data?.totalProfit)}
        />
        <Figure label="Active bots" value={String(overview.data?.activeBots ?? '—')} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Active bots">
          {bots.data?.length ? (
            <ul className="divide-y divide-line text-sm">
              {bots.data.map((bot) => (
                <li key={bot.id} className="flex justify-between py-2">
                  <Link to="/bots/$botId" params={{ botId: String(bot.id) }} className="underline">
                    {bot.name}
                  </Link>
                  <span className={pnlClass(bot.totalPnl)}>{formatMoney(bot.equity)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>No bot is running.</EmptyState>
          )}
        </Card>
        <Card title="Recent alerts">
          {alerts.data?.alerts.length ? (
            <ul className="divide-y divide-line text-sm">
              {alerts.data.alerts.map((alert) => (
                <li key={alert.id} className="py-2">
                  <span className="font-medium">{alert.kind}</span> — {alert.message}
                  <span className="block text-xs text-muted">{formatTime(alert.createdAt)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>
              No alerts. Risk guards (stop-loss, daily loss, drawdown) raise them.
            </EmptyState>
          )}
        </Card>
      </div>
      <Card title="Recent trades">
        {trades.data?.trades.length ? (
          <TradesTable trades={trades.data.trades.slice(0, 50)} height={320} />
        ) : (
          <EmptyState>No trades yet. They arrive here as your bots fill orders.</EmptyState>
        )}
      </Card>
      <Card title="Live events">
        {events.data?.length ? (
          <ul aria-live="polite" className="max-h-60 overflow-auto text-sm">
            {events.data.map((event) => (
              <li key={event.id} className="py-1">
                <span className="font-mono text-xs text-muted">{formatTime(event.createdAt)}</span>{' '}
                {event.type}
                {event.botId !== null && ` · bot ${event.botId}`}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>Waiting for events from your bots…</EmptyState>
        )}
      </Card>
    </div>
  );
}
