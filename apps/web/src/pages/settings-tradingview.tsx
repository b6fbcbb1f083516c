import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';
import { formatTime } from '../ui/format.ts';

/** The TradingView webhook URL: its token is shown once, when created or rotated. */
export function TradingViewCard() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['signals', 'token'],
    queryFn: () => api.signals.token.query(),
  });
  const rotate = useMutation({
    mutationFn: () => api.signals.rotateToken.mutate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['signals', 'token'] }),
  });
  return (
    <Card title="TradingView webhook">
      <p className="mb-3 text-sm">
        {status.data
          ? `Token ${status.data.prefix}… created ${formatTime(status.data.createdAt)}, last used ${formatTime(status.data.lastUsedAt)}.`
          : 'No webhook token yet.'}
      </p>
      {rotate.data && (
        <div className="mb-3 space-y-2">
          <Field
            label="Webhook URL (shown once)"
            readOnly
            value={`${window.location.origin}${rotate.data.webhookPath}`}
          />
          <p className="text-xs text-muted">
            Paste it into the alert's webhook URL; rotating again replaces it at once.
          </p>
        </div>
      )}
      <Button variant="secondary" busy={rotate.isPending} onClick={() => rotate.mutate()}>
        {status.data ? 'Rotate token' : 'Create token'}
      </Button>
      {rotate.error && (
        <p role="alert" className="mt-2 text-sm text-danger">
          {describeError(rotate.error).message}
        </p>
      )}
    </Card>
  );
}
