import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ZBacktestRunInput } from '@tradewind/core';
import { type FormEvent, useState } from 'react';
import { describeError, issuesByField } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { parseParams, STRATEGIES, TIMEFRAMES } from '../ui/params.ts';

const SAVED = 'saved strategy';
const SOURCES = ['simulator', 'candles'] as const;
/** Fields whose errors appear beside them. */
const SHOWN_FIELDS = [
  'name',
  'strategyId',
  'params',
  'venue',
  'symbols',
  'start',
  'end',
  'initialCapital',
];

/**
 * The run form: a built-in algorithm with parameters or a saved strategy, on the simulator or
 * stored candles, optionally with a Monte Carlo. Checked with the contract's own schema first;
 * the server's refusals land beside their fields.
 */
export function BacktestForm({ strategyId }: { strategyId?: number | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const saved = useQuery({
    queryKey: ['strategies', 'list', 'for-backtests'],
    queryFn: () => api.strategies.list.query({ size: 100 }),
  });
  const [form, setForm] = useState({
    strategy: strategyId ? SAVED : 'MovingAverage',
    strategyId: strategyId ? String(strategyId) : '',
    params: '',
    source: 'simulator' as string,
    venue: 'import',
    symbols: 'SIM',
    timeframe: '1d',
    start: '2020-01-01',
    end: '2022-12-31',
    initialCapital: '10000',
    monteCarlo: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const savedId = form.strategyId || String(saved.data?.items[0]?.id ?? '');
  const run = useMutation({
    mutationFn: (input: ReturnType<typeof ZBacktestRunInput.parse>) =>
      api.backtests.run.mutate(input),
    onSuccess: async (job) => {
      await queryClient.invalidateQueries({ queryKey: ['backtests'] });
      await navigate({ to: '/backtests/$backtestId', params: { backtestId: String(job.id) } });
    },
    onError: (error) => {
      const problem = describeError(error);
      setErrors({ ...problem.fields, form: problem.message });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const symbols = form.symbols
      .split(',')
      .map((symbol) => symbol.trim())
      .filter(Boolean);
    const range = {
      symbols,
      timeframe: form.timeframe,
      start: form.start ? `${form.start}T00:00:00Z` : '',
      end: form.end ? `${form.end}T00:00:00Z` : '',
    };
    const checked = ZBacktestRunInput.safeParse({
      strategy:
        form.strategy === SAVED
          ? { type: 'saved', strategyId: Number(savedId) }
          : { type: 'builtin', name: form.strategy, params: parseParams(form.params) },
      data:
        form.source === 'candles'
          ? { source: 'candles', venue: form.venue, ...range }
          : { source: 'simulator', ...range },
      initialCapital: form.initialCapital.trim() === '' ? Number.NaN : Number(form.initialCapital),
      includeMonteCarlo: form.monteCarlo,
    });
    if (!checked.success) {
      setErrors(issuesByField(checked.error.issues, true));
      return;
    }
    setErrors({});
    run.mutate(checked.data);
  };
  // A refusal naming no field of this form (`strategy` as a whole) shows beside the button.
  const formError =
    errors.form ??
    Object.entries(errors)
      .filter(([field]) => !SHOWN_FIELDS.includes(field))
      .map(([field, message]) => `${field}: ${message}`)[0];
  const set =
    (field: keyof typeof form) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [field]: event.target.value });
  return (
    <Card title="Run a backtest">
      <form className="grid gap-3 sm:grid-cols-3" onSubmit={submit} noValidate>
        <SelectField
          label="Backtest strategy"
          options={[...STRATEGIES, SAVED]}
          value={form.strategy}
          onChange={set('strategy')}
          error={errors.name}
        />
        {form.strategy === SAVED ? (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Saved strategy
            <select
              className="rounded-md border border-line bg-panel px-3 py-2 text-ink"
              value={savedId}
              onChange={set('strategyId')}
            >
              {(saved.data?.items ?? []).map((strategy) => (
                <option key={strategy.id} value={strategy.id}>
                  {strategy.name}
                </option>
              ))}
            </select>
            {errors.strategyId && (
              <span role="alert" className="text-xs text-danger">
                {errors.strategyId}
              </span>
            )}
          </label>
        ) : (
          <Field
            label="Strategy parameters"
            hint="key=value, comma-separated"
            value={form.params}
            onChange={set('params')}
            error={errors.params}
          />
        )}
        <SelectField label="Data" options={SOURCES} value={form.source} onChange={set('source')} />
        {form.source === 'candles' && (
          <Field label="Venue" value={form.venue} onChange={set('venue')} error={errors.venue} />
        )}
        <Field
          label="Backtest symbols"
          value={form.symbols}
          onChange={set('symbols')}
          error={errors.symbols}
        />
        <SelectField
          label="Bar timeframe"
          options={TIMEFRAMES}
          value={form.timeframe}
          onChange={set('timeframe')}
        />
        <Field
          label="Start"
          type="date"
          value={form.start}
          onChange={set('start')}
          error={errors.start}
        />
        <Field label="End" type="date" value={form.end} onChange={set('end')} error={errors.end} />
        <Field
          label="Initial capital"
          inputMode="decimal"
          value={form.initialCapital}
          onChange={set('initialCapital')}
          error={errors.initialCapital}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.monteCarlo}
            onChange={(event) => setForm({ ...form, monteCarlo: event.target.checked })}
          />
          Monte Carlo (1,000 runs)
        </label>
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" busy={run.isPending}>
            Run backtest
          </Button>
          {formError && (
            <p role="alert" className="text-sm text-danger">
              {formError}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
