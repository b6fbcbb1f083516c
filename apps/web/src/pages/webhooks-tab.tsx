import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookForm } from './webhook-form.tsx';

/** Seed 000's webhooks: add, edit, toggle, delete, send a test, the delivery log, redeliver. */
export function WebhooksTab() {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<number>();
  const [open, setOpen] = useState<number>();
  const hooks = useQuery({
    queryKey: ['webhooks', 'list'],
    queryFn: () => api.webhooks.list.query(),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const action = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSettled: refresh,
  });
  return (
    <div className="space-y-4">
      <Card title="Add a webhook">
        <WebhookForm
          submitLabel="Add webhook"
          onSubmit={async (draft) => {
            await api.webhooks.create.mutate(draft);
            await refresh();
          }}
        />
      </Card>
      <Card title="Your webhooks">
        {action.error && (
          <p role="alert" className="mb-2 text-sm text-danger">
            {describeError(action.error).message}
          </p>
        )}
        {hooks.data?.length ? (
          <ul className="divide-y divide-line">
            {hooks.data.map((hook) => (
              <li key={hook.id} className="space-y-2 py-3">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-mono break-all">{hook.url}</span>
                  <span className="text-muted">{hook.events.join(', ')}</span>
                  <label className="ml-auto flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={hook.active}
                      onChange={(event) =>
                        action.mutate(() =>
                          api.webhooks.toggle.mutate({ id: hook.id, active: event.target.checked }),
                        )
                      }
                    />
                    Active
                  </label>
                  <Button
                    variant="secondary"
                    aria-label={`Edit ${hook.url}`}
                    onClick={() => setEditing(editing === hook.id ? undefined : hook.id)}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="secondary"
                    aria-label={`Send a test event to ${hook.url}`}
                    onClick={() => {
                      setOpen(hook.id);
                      action.mutate(() => api.webhooks.test.mutate({ id: hook.id }));
                    }}
                  >
                    Send test
                  </Button>
                  <Button
                    variant="secondary"
                    aria-expanded={open === hook.id}
                    aria-label={`Deliveries of ${hook.url}`}
                    onClick={() => setOpen(open === hook.id ? undefined : hook.id)}
                  >
                    Deliveries
                  </Button>
                  <ConfirmButton
                    label={`Delete ${hook.url}`}
                    title="Delete this webhook?"
                    description="Deliveries stop at once and its delivery log goes with it."
                    confirmLabel="Delete webhook"
                    onConfirm={() =>
                      action.mutate(() => api.webhooks.delete.mutate({ id: hook.id }))
                    }
                  />
                </div>
                {editing === hook.id && (
                  <WebhookForm
                    initial={{ url: hook.url, events: hook.events, secret: '' }}
                    submitLabel="Save webhook"
                    onCancel={() => setEditing(undefined)}
                    onSubmit={async (draft) => {
                      await api.webhooks.update.mutate({ id: hook.id, ...draft });
                      setEditing(undefined);
                      await refresh();
                    }}
                  />
                )}
                {open === hook.id && <WebhookDeliveries subscriptionId={hook.id} />}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>
            No webhooks. Add one to have bot and trade events POSTed to your endpoint.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
