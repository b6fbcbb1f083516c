import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZStrategyFromTemplateInput } from '@tradewind/core';
import { type FormEvent, useState } from 'react';
import { describeError, issuesByField } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { parseParams } from '../ui/params.ts';

/** Creating a strategy from a template (each built-in algorithm and its named presets). */
export function NewStrategyForm() {
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ['strategies', 'templates'],
    queryFn: () => api.strategies.templates.query(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [form, setForm] = useState({ templateId: '', name: '', symbols: 'AAPL', params: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const templateId = form.templateId || templates.data?.[0]?.id || '';
  const template = templates.data?.find((item) => item.id === templateId);
  const create = useMutation({
    mutationFn: (input: ReturnType<typeof ZStrategyFromTemplateInput.parse>) =>
      api.strategies.createFromTemplate.mutate(input),
    onSuccess: () => {
      setForm({ ...form, name: '', params: '' });
      return queryClient.invalidateQueries({ queryKey: ['strategies'] });
    },
    onError: (error) => {
      const problem = describeError(error);
      setErrors(Object.keys(problem.fields).length ? problem.fields : { form: problem.message });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = ZStrategyFromTemplateInput.safeParse({
      templateId,
      ...(form.name.trim() && { name: form.name.trim() }),
      ...(form.params.trim() && { parameters: parseParams(form.params) }),
      symbols: form.symbols
        .split(',')
        .map((symbol) => symbol.trim())
        .filter(Boolean),
    });
    if (!checked.success) {
      setErrors(issuesByField(checked.error.issues));
      return;
    }
    setErrors({});
    create.mutate(checked.data);
  };
  return (
    <Card title="New strategy">
      <form className="grid gap-3 sm:grid-cols-2" onSubmit={submit} noValidate>
        <SelectField
          label="Template"
          options={(templates.data ?? []).map((item) => item.id)}
          value={templateId}
          onChange={(event) => setForm({ ...form, templateId: event.target.value })}
          error={errors.templateId}
        />
        <Field
          label="Strategy name"
          value={form.name}
          placeholder={template?.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={errors.name}
        />
        <Field
          label="Strategy symbols"
          value={form.symbols}
          hint="Comma-separated"
          onChange={(event) => setForm({ ...form, symbols: event.target.value })}
          error={errors.symbols}
        />
        <Field
          label="Parameter overrides"
          value={form.params}
          hint={
            template
              ? `Defaults: ${Object.entries(template.parameters)
                  .map(([key, value]) => `${key}=${value}`)
                  .join(', ')}`
              : 'key=value, comma-separated'
          }
          onChange={(event) => setForm({ ...form, params: event.target.value })}
          error={errors.parameters}
        />
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" busy={create.isPending}>
            Create strategy
          </Button>
          {errors.form && (
            <p role="alert" className="text-sm text-danger">
              {errors.form}
            </p>
          )}
          {create.data && (
            <p role="status" className="text-sm">
              Created {create.data.name}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
