import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Card, EmptyState } from '../ui/card.tsx';
import { formatMoney, formatPercent, pnlClass } from '../ui/format.ts';
import { BotCharts } from './bot-charts.tsx';
import { BotCommands, ForceOrders } from './bot-controls.tsx';
import { TradesTable } from './trades-table.tsx';

/** One bot: controls, candles with its fills, equity, figures, open positions, every trade. */
export function BotPage() {
  const botId = Number(useParams({ from: '/app/bots/$botId' }).botId);
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
        <BotCommands bot={bot.data} />
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ['Equity', formatMoney(performance.data?.equity ?? bot.data.equity), ''],
          [
            'P&L',
            formatMoney(performance.data?.pnl ?? bot.data.totalPnl),
            pnlClass(performance.data?.pnl),
          ],
          ['Closed trades', String(bot.data.totalTrades), ''],
          ['Max drawdown', formatPercent(performance.data?.maxDrawdown), ''],
        ].map(([label, value, tone]) => (
          <div key={label} className="rounded-lg border border-line bg-panel p-3">
            <p className="text-xs text-muted">{label}</p>
            <p className={`text-lg font-semibold ${tone}`}>{value}</p>
          </div>
        ))}
      </div>
      <BotCharts bot={bot.data} trades={trades.data?.trades ?? []} />
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
      {live && (
        <Card title="Manual orders">
          <ForceOrders bot={bot.data} />
        </Card>
      )}
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
