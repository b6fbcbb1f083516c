import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { STRATEGY_CATEGORIES, STRATEGY_STATUSES } from '@tradewind/core/enums';
import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { Pager } from '../ui/pager.tsx';
import { NewStrategyForm } from './new-strategy-form.tsx';

const ANY = 'any';
const SIZE = 10;

/** Seed 002's strategy list: filters, search, paging; start, stop, backtest or delete each. */
export function StrategiesPage() {
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<string>(ANY);
  const [status, setStatus] = useState<string>(ANY);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const filters = {
    page,
    size: SIZE,
    ...(category !== ANY && { category: category as (typeof STRATEGY_CATEGORIES)[number] }),
    ...(status !== ANY && { status: status as (typeof STRATEGY_STATUSES)[number] }),
    ...(search.trim() && { search: search.trim() }),
  };
  const list = useQuery({
    queryKey: ['strategies', 'list', filters],
    queryFn: () => api.strategies.list.query(filters),
  });
  const act = useMutation({
    mutationFn: async ({
      action,
      strategyId,
    }: {
      action: 'start' | 'stop' | 'delete';
      strategyId: number;
    }): Promise<unknown> =>
      action === 'delete'
        ? api.strategies.delete.mutate({ strategyId })
        : api.strategies[action].mutate({ strategyId }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['strategies'] }),
        queryClient.invalidateQueries({ queryKey: ['bots'] }),
      ]),
  });
  const pages = list.data?.pagination.pages ?? 1;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Strategies</h1>
      <NewStrategyForm />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Category"
          options={[ANY, ...STRATEGY_CATEGORIES]}
          value={category}
          onChange={(event) => {
            setCategory(event.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label="Strategy status"
          options={[ANY, ...STRATEGY_STATUSES]}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
            setPage(1);
          }}
        />
        <Field
          label="Search strategies"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </div>
      {act.error && (
        <p role="alert" className="text-sm text-danger">
          {describeError(act.error).message}
        </p>
      )}
      <Card title={`Your strategies (${list.data?.pagination.total ?? 0})`}>
        {list.data?.items.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Strategies">
              <thead className="text-muted">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Algorithm</th>
                  <th>Category</th>
                  <th>Risk</th>
                  <th>Status</th>
                  <th>Symbols</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((strategy) => (
                  <tr key={strategy.id} className="border-t border-line">
                    <td className="py-2">{strategy.name}</td>
                    <td>{strategy.algorithm}</td>
                    <td>{strategy.category}</td>
                    <td>{strategy.riskLevel}</td>
                    <td>
                      {strategy.botId ? (
                        <Link
                          to="/bots/$botId"
                          params={{ botId: String(strategy.botId) }}
                          className="underline"
                        >
                          {strategy.status}
                        </Link>
                      ) : (
                        strategy.status
                      )}
                    </td>
                    <td>{strategy.symbols.join(', ')}</td>
                    <td className="flex flex-wrap justify-end gap-2 py-1">
                      <Link
                        to="/backtests"
                        search={{ strategyId: strategy.id }}
                        className="rounded-md border border-line px-3 py-2"
                        aria-label={`Backtest ${strategy.name}`}
                      >
                        Backtest
                      </Link>
                      {strategy.status === 'active' || strategy.status === 'paused' ? (
                        <Button
                          variant="secondary"
                          aria-label={`Stop ${strategy.name}`}
                          onClick={() => act.mutate({ action: 'stop', strategyId: strategy.id })}
                        >
                          Stop
                        </Button>
                      ) : (
                        <Button
                          variant="secondary"
                          aria-label={`Start ${strategy.name}`}
                          onClick={() => act.mutate({ action: 'start', strategyId: strategy.id })}
                        >
                          Start
                        </Button>
                      )}
                      <ConfirmButton
                        label={`Delete ${strategy.name}`}
                        title={`Delete ${strategy.name}?`}
                        description="The strategy and its history are removed; its bots stay."
                        confirmLabel="Delete strategy"
                        onConfirm={() => act.mutate({ action: 'delete', strategyId: strategy.id })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>
            No strategies{search || category !== ANY || status !== ANY ? ' match' : ' yet'}: create
            one from a template above.
          </EmptyState>
        )}
        <Pager label="Strategy pages" page={page} pages={pages} onPage={setPage} />
      </Card>
    </div>
  );
}
