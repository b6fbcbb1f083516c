import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ZBotCreateInput } from '@tradewind/core';
import { type FormEvent, useState } from 'react';
import { describeError, issuesByField } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { parseParams, STRATEGIES, TIMEFRAMES } from '../ui/params.ts';

const RISK_MODES = ['balanced', 'conservative', 'aggressive'] as const;

/**
 * The start-bot form. The contract's own schema (`ZBotCreateInput` from core) checks each field
 * as the server will, and the message appears beside the field; the server's refusals
 * (unknown parameters, an unknown feed) land beside their fields the same way.
 */
export function StartBotPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    strategy: 'MovingAverage' as string,
    params: '',
    symbols: 'AAPL',
    initialCash: '10000',
    timeframe: '1m' as string,
    feed: 'simulator',
    riskMode: 'balanced' as string,
    scheduledEndTime: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const input = () => ({
    ...(form.name.trim() && { name: form.name }),
    strategy: form.strategy,
    params: parseParams(form.params),
    symbols: form.symbols
      .split(',')
      .map((symbol) => symbol.trim())
      .filter(Boolean),
    initialCash: form.initialCash.trim() === '' ? Number.NaN : Number(form.initialCash),
    timeframe: form.timeframe,
    riskMode: form.riskMode,
    ...(form.feed.trim() && { feed: form.feed }),
    ...(form.scheduledEndTime && {
      scheduledEndTime: new Date(form.scheduledEndTime).toISOString(),
    }),
  });
  const start = useMutation({
    mutationFn: (checked: ReturnType<typeof ZBotCreateInput.parse>) =>
      api.bots.create.mutate(checked),
    onSuccess: async (bot) => {
      await queryClient.invalidateQueries({ queryKey: ['bots'] });
      await navigate({ to: '/bots/$botId', params: { botId: String(bot.id) } });
    },
    onError: (error) => {
      const problem = describeError(error);
      setErrors({
        ...problem.fields,
        ...(Object.keys(problem.fields).length === 0 && { form: problem.message }),
      });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = ZBotCreateInput.safeParse(input());
    if (!checked.success) {
      setErrors(issuesByField(checked.error.issues));
      return;
    }
    setErrors({});
    start.mutate(checked.data);
  };
  const set =
    (field: keyof typeof form) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [field]: event.target.value });
  return (
    <Card title="Start a paper bot">
      <form className="grid gap-4 sm:grid-cols-2" onSubmit={submit} noValidate>
        <Field
          label="Name (optional)"
          value={form.name}
          onChange={set('name')}
          error={errors.name}
        />
        <SelectField
          label="Strategy"
          options={STRATEGIES}
          value={form.strategy}
          onChange={set('strategy')}
          error={errors.strategy}
        />
        <Field
          label="Parameters"
          hint="key=value, comma-separated (e.g. fast=5, slow=20)"
          value={form.params}
          onChange={set('params')}
          error={errors.params}
        />
        <Field
          label="Symbols"
          hint="Comma-separated, e.g. AAPL, MSFT"
          value={form.symbols}
          onChange={set('symbols')}
          error={errors.symbols}
        />
        <Field
          label="Initial cash"
          inputMode="decimal"
          value={form.initialCash}
          onChange={set('initialCash')}
          error={errors.initialCash}
        />
        <SelectField
          label="Timeframe"
          options={TIMEFRAMES}
          value={form.timeframe}
          onChange={set('timeframe')}
          error={errors.timeframe}
        />
        <Field
          label="Feed"
          hint="simulator, or an exchange id such as binance"
          value={form.feed}
          onChange={set('feed')}
          error={errors.feed}
        />
        <SelectField
          label="Risk mode"
          options={RISK_MODES}
          value={form.riskMode}
          onChange={set('riskMode')}
          error={errors.riskMode}
        />
        <Field
          label="End time (optional)"
          type="datetime-local"
          value={form.scheduledEndTime}
          onChange={set('scheduledEndTime')}
          error={errors.scheduledEndTime}
        />
        <div className="flex items-end sm:col-span-2">
          <Button type="submit" busy={start.isPending}>
            Start bot
          </Button>
          {errors.form && (
            <p role="alert" className="ml-3 text-sm text-danger">
              {errors.form}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
