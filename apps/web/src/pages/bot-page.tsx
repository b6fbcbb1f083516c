import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatMoney, pnlClass } from '../ui/format.ts';
import { LineChart } from '../ui/line-chart.tsx';
import { TradesTable } from './trades-table.tsx';

type Command = 'pause' | 'resume' | 'stop' | 'terminate';

/** One bot: controls, its fills on a price chart, figures, open positions, every trade. */
export function BotPage() {
  const botId = Number(useParams({ from: '/app/bots/$botId' }).botId);
  const queryClient = useQueryClient();
  const bot = useQuery({
    queryKey: ['bots', 'get', botId],
    queryFn: () => api.bots.get.query({ botId }),
  });
  const performance = useQuery({
    queryKey: ['bots', 'performance', botId],
    queryFn: () => api.performance.bot.query({ botId }),
  });
  const trades = useQuery({
    queryKey: ['trades', botId],
    queryFn: () => api.trades.list.query({ botId, limit: 1000 }),
  });
  const command = useMutation({
    mutationFn: (name: Command) => api.bots[name].mutate({ botId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bots'] }),
  });
  const fills = useMemo(() => [...(trades.data?.trades ?? [])].reverse(), [trades.data]);
  const points = useMemo(
    () => fills.map((trade) => ({ time: Date.parse(trade.barTime), value: trade.price })),
    [fills],
  );
  const markers = useMemo(
    () => fills.map((trade) => ({ time: Date.parse(trade.barTime), side: trade.action })),
    [fills],
  );

  if (bot.error) return <EmptyState>{describeError(bot.error).message}</EmptyState>;
  if (!bot.data) return <p aria-busy="true">Loading…</p>;
  const live = bot.data.status === 'ACTIVE' || bot.data.status === 'PAUSED';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{bot.data.name}</h1>
        <span className="rounded bg-surface px-2 py-1 text-sm">
          <span className="sr-only">Status: </span>
          {bot.data.status}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {bot.data.status === 'ACTIVE' && (
            <Button
              variant="secondary"
              busy={command.isPending}
              onClick={() => command.mutate('pause')}
            >
              Pause
            </Button>
          )}
          {bot.data.status === 'PAUSED' && (
            <Button
              variant="secondary"
              busy={command.isPending}
              onClick={() => command.mutate('resume')}
            >
              Resume
            </Button>
          )}
          {live && (
            <ConfirmButton
              label="Stop"
              title="Stop this bot?"
              description="Open positions close at the last price and the bot finishes."
              confirmLabel="Stop bot"
              onConfirm={() => command.mutate('stop')}
            />
          )}
        </div>
      </div>
      {command.error && (
        <p role="alert" className="text-sm text-danger">
          {describeError(command.error).message}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ['Equity', formatMoney(performance.data?.equity ?? bot.data.equity), ''],
          [
            'P&L',
            formatMoney(performance.data?.pnl ?? bot.data.totalPnl),
            pnlClass(performance.data?.pnl),
          ],
          ['Closed trades', String(bot.data.totalTrades), ''],
          [
            'Max drawdown',
            performance.data ? `${performance.data.maxDrawdown.toFixed(2)} %` : '—',
            '',
          ],
        ].map(([label, value, tone]) => (
          <div key={label} className="rounded-lg border border-line bg-panel p-3">
            <p className="text-xs text-muted">{label}</p>
            <p className={`text-lg font-semibold ${tone}`}>{value}</p>
          </div>
        ))}
      </div>
      <Card title="Fills">
        {points.length ? (
          <LineChart
            label={`Fill prices of ${bot.data.name} with buy and sell markers`}
            points={points}
            markers={markers}
          />
        ) : (
          <EmptyState>No fills yet: the chart fills in as the bot trades.</EmptyState>
        )}
      </Card>
      <Card title="Open positions">
        {bot.data.positions.length ? (
          <ul className="text-sm">
            {bot.data.positions.map((position) => (
              <li key={position.symbol} className="flex justify-between border-b border-line py-1">
                <span>
                  {position.symbol} × {position.quantity} @ {formatMoney(position.entryPrice)}
                </span>
                <span className={pnlClass(position.unrealizedPnl)}>
                  {formatMoney(position.unrealizedPnl)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>No open position.</EmptyState>
        )}
      </Card>
      <Card title={`Trades (${trades.data?.total ?? 0})`}>
        {trades.data?.trades.length ? (
          <TradesTable trades={trades.data.trades} />
        ) : (
          <EmptyState>No trades yet.</EmptyState>
        )}
      </Card>
    </div>
  );
}
