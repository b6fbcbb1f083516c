import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/card.tsx';
import { formatTime } from '../ui/format.ts';

function Attempts({ deliveryId }: { deliveryId: string }) {
  const detail = useQuery({
    queryKey: ['webhooks', 'delivery', deliveryId],
    queryFn: () => api.webhooks.delivery.query({ deliveryId }),
  });
  return (
    <ul className="mt-1 text-xs text-muted">
      {detail.data?.attemptLog.map((attempt) => (
        <li key={attempt.id}>
          Attempt {attempt.attempt}: {attempt.status}, HTTP {attempt.responseCode ?? '—'},{' '}
          {attempt.durationMs} ms
          {attempt.error && ` — ${attempt.error}`}
        </li>
      ))}
    </ul>
  );
}

/** A webhook's delivery log: status, response code, error; attempts with durations; redeliver. */
export function WebhookDeliveries({ subscriptionId }: { subscriptionId: number }) {
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ['webhooks', 'deliveries', subscriptionId],
    queryFn: () => api.webhooks.deliveries.query({ subscriptionId, limit: 50 }),
    refetchInterval: 5_000,
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => api.webhooks.redeliver.mutate({ deliveryId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  if (!deliveries.data?.length)
    return <EmptyState>No deliveries yet: send a test event.</EmptyState>;
  return (
    <table className="w-full text-left text-sm" aria-label="Deliveries">
      <thead className="text-muted">
        <tr>
          <th className="py-1">Time</th>
          <th>Event</th>
          <th>Status</th>
          <th>Response</th>
          <th>Details</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((delivery) => (
          <tr key={delivery.id} className="border-t border-line align-top">
            <td className="py-2">{formatTime(delivery.createdAt)}</td>
            <td>
              {delivery.eventType}
              {delivery.test && ' (test)'}
            </td>
            <td>{delivery.status}</td>
            <td>{delivery.lastStatusCode ?? '—'}</td>
            <td>
              <details>
                <summary className="cursor-pointer">{delivery.attempts} attempt(s)</summary>
                <Attempts deliveryId={delivery.id} />
              </details>
            </td>
            <td>
              <Button
                variant="secondary"
                aria-label={`Redeliver ${delivery.eventType} of ${formatTime(delivery.createdAt)}`}
                onClick={() => redeliver.mutate(delivery.id)}
              >
                Redeliver
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
