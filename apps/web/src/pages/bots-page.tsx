import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/trpc.ts';
import { Card, EmptyState } from '../ui/card.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { formatMoney, pnlClass } from '../ui/format.ts';

const STATUSES = ['ALL', 'ACTIVE', 'PAUSED', 'STOPPING', 'COMPLETED', 'ERROR'] as const;

/** The caller's bots, filtered by status and searched by name, strategy or symbol. */
export function BotsPage() {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('ALL');
  const [search, setSearch] = useState('');
  const bots = useQuery({
    queryKey: ['bots', 'list', status],
    queryFn: () =>
      api.bots.list.query(status === 'ALL' ? { limit: 1000 } : { status, limit: 1000 }),
  });
  const needle = search.trim().toLowerCase();
  const shown = (bots.data ?? []).filter((bot) =>
    [bot.name, bot.strategy, ...bot.symbols].some((text) => text.toLowerCase().includes(needle)),
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Bots</h1>
        <Link
          to="/bots/new"
          className="rounded-md bg-accent px-3 py-2 text-sm font-medium text-white dark:text-slate-950"
        >
          Start a bot
        </Link>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Status"
          options={STATUSES}
          value={status}
          onChange={(event) => setStatus(event.target.value as typeof status)}
        />
        <Field
          label="Search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <Card title="Your bots">
        {shown.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-muted">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Status</th>
                  <th>Strategy</th>
                  <th>Symbols</th>
                  <th>Equity</th>
                  <th>P&L</th>
                  <th>Trades</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((bot) => (
                  <tr key={bot.id} className="border-t border-line">
                    <td className="py-2">
                      <Link
                        to="/bots/$botId"
                        params={{ botId: String(bot.id) }}
                        className="underline"
                      >
                        {bot.name}
                      </Link>
                    </td>
                    <td>{bot.status}</td>
                    <td>{bot.strategy}</td>
                    <td>{bot.symbols.join(', ')}</td>
                    <td>{formatMoney(bot.equity)}</td>
                    <td className={pnlClass(bot.totalPnl)}>{formatMoney(bot.totalPnl)}</td>
                    <td>{bot.totalTrades}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>
            {bots.data?.length
              ? 'No bot matches.'
              : 'No bots yet: start one to trade on the simulated market.'}
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
