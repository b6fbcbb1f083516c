import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';
import { Button } from '../ui/button.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { Field } from '../ui/field.tsx';
import { formatTime } from '../ui/format.ts';

type CreatedKey = TradewindOutputs['apiKeys']['create'];

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-end gap-2">
      <div className="flex-1">
        <Field label={label} value={value} readOnly onFocus={(event) => event.target.select()} />
      </div>
      <Button
        variant="secondary"
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={async () => {
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

/** Seed 000's API keys: create (the key and secret shown this once), list, revoke. */
export function ApiKeysTab() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedKey>();
  const keys = useQuery({ queryKey: ['apiKeys'], queryFn: () => api.apiKeys.list.query() });
  const create = useMutation({
    mutationFn: () => api.apiKeys.create.mutate({ name }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['apiKeys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.apiKeys.revoke.mutate({ id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['apiKeys'] }),
  });
  const problem = create.error ? describeError(create.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  };
  const active = (keys.data ?? []).filter((key) => !key.revokedAt);
  return (
    <div className="space-y-4">
      <Card title="Create an API key">
        <form className="flex flex-wrap items-start gap-3" onSubmit={submit} noValidate>
          <div className="min-w-64 flex-1">
            <Field
              label="Key name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={problem?.fields.name ?? problem?.message}
            />
          </div>
          <Button type="submit" className="mt-6" busy={create.isPending}>
            Create key
          </Button>
        </form>
        {created && (
          <section
            aria-label="New API key"
            className="mt-4 space-y-3 rounded-md border border-amber-400 p-3"
          >
            <p className="text-sm font-medium">
              Copy the key and secret now: they are shown only this once and cannot be read again.
            </p>
            <CopyField label="API key" value={created.key} />
            <CopyField label="Secret" value={created.secret} />
            <Button variant="secondary" onClick={() => setCreated(undefined)}>
              I have saved them
            </Button>
          </section>
        )}
      </Card>
      <Card title="Your API keys">
        {active.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-muted">
              <tr>
                <th className="py-1">Name</th>
                <th>Prefix</th>
                <th>Last used</th>
                <th>Created</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {active.map((key) => (
                <tr key={key.id} className="border-t border-line">
                  <td className="py-2">{key.name}</td>
                  <td className="font-mono">{key.prefix}</td>
                  <td>{key.lastUsedAt ? formatTime(key.lastUsedAt) : 'never'}</td>
                  <td>{formatTime(key.createdAt)}</td>
                  <td className="text-right">
                    <ConfirmButton
                      label={`Revoke ${key.name}`}
                      title={`Revoke ${key.name}?`}
                      description="Every call with this key (and keys it created) fails from now on. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutate(key.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <EmptyState>
            No API keys. Create one to call the enterprise REST API from your own systems.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
