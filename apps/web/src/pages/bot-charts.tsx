import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';
import { CandleChart } from '../ui/candle-chart.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { SelectField } from '../ui/field.tsx';
import { LineChart } from '../ui/line-chart.tsx';

type Bot = TradewindOutputs['bots']['get'];
type Trade = TradewindOutputs['trades']['list']['trades'][number];

/**
 * The bars the bot traded on with its fills marked, and its equity curve. Refreshed with the
 * bot (every live event about it refetches `['bots', ...]`).
 */
export function BotCharts({ bot, trades }: { bot: Bot; trades: readonly Trade[] }) {
  const [symbol, setSymbol] = useState(bot.symbols[0] ?? '');
  const chart = useQuery({
    queryKey: ['bots', 'chart', bot.id, symbol],
    queryFn: () => api.bots.chart.query({ botId: bot.id, symbol }),
  });
  const candles = useMemo(
    () => (chart.data?.candles ?? []).map((bar) => ({ ...bar, time: Date.parse(bar.time) })),
    [chart.data],
  );
  const equity = useMemo(
    () =>
      (chart.data?.equity ?? []).map((point) => ({
        time: Date.parse(point.time),
        value: point.equity,
      })),
    [chart.data],
  );
  const markers = useMemo(
    () =>
      trades
        .filter((trade) => trade.symbol === symbol)
        .map((trade) => ({ time: Date.parse(trade.barTime), side: trade.action })),
    [trades, symbol],
  );
  return (
    <>
      <Card
        title={`Price (${symbol}, ${bot.timeframe})`}
        actions={
          bot.symbols.length > 1 ? (
            <SelectField
              label="Symbol"
              value={symbol}
              options={bot.symbols}
              onChange={(event) => setSymbol(event.target.value)}
            />
          ) : undefined
        }
      >
        {candles.length ? (
          <CandleChart
            label={`${symbol} candles of ${bot.name}`}
            candles={candles}
            markers={markers}
          />
        ) : (
          <EmptyState>No bars yet: the chart fills in as the bot runs.</EmptyState>
        )}
      </Card>
      <Card title="Equity">
        {equity.length ? (
          <LineChart label={`Equity of ${bot.name}`} points={equity} height={200} />
        ) : (
          <EmptyState>No equity points yet.</EmptyState>
        )}
      </Card>
    </>
  );
}
