import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Card } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';

/** Signed-in devices: this one marked, the others ended after confirmation. */
export function SessionsCard() {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['auth', 'sessions'],
    queryFn: () => api.auth.sessions.list.query(),
    // Devices sign in elsewhere while this page is closed: show them as they are now.
    refetchOnMount: 'always',
  });
  const end = useMutation({
    mutationFn: (sessionId: string) => api.auth.sessions.terminate.mutate({ sessionId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] }),
  });
  return (
    <Card title="Sessions">
      <table className="w-full text-left text-sm" aria-label="Sessions">
        <thead className="text-muted">
          <tr>
            <th className="py-1">Device</th>
            <th>Address</th>
            <th>Last used</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions.data ?? []).map((item, index) => (
            <tr key={item.id} className="border-t border-line">
              <td className="py-2">
                {item.deviceInfo.userAgent?.slice(0, 60) ?? 'Unknown device'}
                {item.current && (
                  <span className="ml-2 rounded bg-surface px-2 py-0.5 text-xs">This device</span>
                )}
              </td>
              <td>{item.deviceInfo.ipAddress ?? '—'}</td>
              <td>{formatTime(item.lastUsedAt)}</td>
              <td className="text-right">
                {!item.current && (
                  <ConfirmButton
                    label={`End session ${index + 1}`}
                    title="End this session?"
                    description="That device is signed out at once."
                    confirmLabel="End session"
                    onConfirm={() => end.mutate(item.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {end.error && (
        <p role="alert" className="mt-2 text-sm text-danger">
          {describeError(end.error).message}
        </p>
      )}
    </Card>
  );
}
