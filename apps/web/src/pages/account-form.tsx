import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ZAccountCreateInput } from '@tradewind/core';
import { type FormEvent, useState } from 'react';
import { describeError, issuesByField } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';

/**
 * Adding an account: `paper` with a starting balance, or an exchange with its API keys (sent in
 * the request body once, stored encrypted, never shown again).
 */
export function AccountForm() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    exchange: 'paper',
    name: '',
    initialBalance: '10000',
    apiKey: '',
    apiSecret: '',
    passphrase: '',
    isTestnet: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const paper = form.exchange.trim().toLowerCase() === 'paper';
  const create = useMutation({
    mutationFn: (input: ReturnType<typeof ZAccountCreateInput.parse>) =>
      api.accounts.create.mutate(input),
    onSuccess: () => {
      setForm({ ...form, name: '', apiKey: '', apiSecret: '', passphrase: '' });
      return queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (error) => {
      const problem = describeError(error);
      setErrors({ ...problem.fields, form: problem.message });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (field: 'name' | 'apiKey' | 'apiSecret' | 'passphrase') =>
      form[field].trim() ? { [field]: form[field].trim() } : {};
    const checked = ZAccountCreateInput.safeParse({
      exchange: form.exchange,
      ...optional('name'),
      ...(paper
        ? {
            initialBalance:
              form.initialBalance.trim() === '' ? undefined : Number(form.initialBalance),
          }
        : {
            ...optional('apiKey'),
            ...optional('apiSecret'),
            ...optional('passphrase'),
            isTestnet: form.isTestnet,
          }),
    });
    if (!checked.success) {
      setErrors(issuesByField(checked.error.issues));
      return;
    }
    setErrors({});
    create.mutate(checked.data);
  };
  const set = (field: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: event.target.value });
  return (
    <Card title="Add an account">
      <form className="grid gap-3 sm:grid-cols-3" onSubmit={submit} noValidate>
        <Field
          label="Exchange"
          hint="paper, or an exchange id such as binance"
          value={form.exchange}
          onChange={set('exchange')}
          error={errors.exchange}
        />
        <Field label="Account name" value={form.name} onChange={set('name')} error={errors.name} />
        {paper ? (
          <Field
            label="Starting balance"
            inputMode="decimal"
            value={form.initialBalance}
            onChange={set('initialBalance')}
            error={errors.initialBalance}
          />
        ) : (
          <>
            <Field
              label="API key"
              value={form.apiKey}
              onChange={set('apiKey')}
              error={errors.apiKey}
            />
            <Field
              label="API secret"
              type="password"
              value={form.apiSecret}
              onChange={set('apiSecret')}
              error={errors.apiSecret}
            />
            <Field
              label="Passphrase (KuCoin)"
              type="password"
              value={form.passphrase}
              onChange={set('passphrase')}
              error={errors.passphrase}
            />
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={form.isTestnet}
                onChange={(event) => setForm({ ...form, isTestnet: event.target.checked })}
              />
              Testnet
            </label>
          </>
        )}
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" busy={create.isPending}>
            Add account
          </Button>
          {errors.form && (
            <p role="alert" className="text-sm text-danger">
              {errors.form}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
