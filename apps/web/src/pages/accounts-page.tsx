import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card, EmptyState } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatMoney, formatTime, pnlClass } from '../ui/format.ts';
import { AccountForm } from './account-form.tsx';

function keysLabel(account: {
  isPaper: boolean;
  hasCredentials: boolean;
  keysValid: boolean | null;
}) {
  if (account.isPaper) return 'paper';
  if (!account.hasCredentials) return 'no keys';
  if (account.keysValid === null) return 'not checked';
  return account.keysValid ? 'valid' : 'rejected';
}

/** Exchange and paper accounts (seed 001): balances, keys' state, sync and delete. */
export function AccountsPage() {
  const queryClient = useQueryClient();
  const accounts = useQuery({
    queryKey: ['accounts', 'list'],
    queryFn: () => api.accounts.list.query({ skip: 0, limit: 100 }),
  });
  const act = useMutation({
    mutationFn: async ({
      action,
      id,
    }: {
      action: 'syncBalance' | 'delete';
      id: string;
    }): Promise<unknown> =>
      action === 'delete'
        ? api.accounts.delete.mutate({ id })
        : api.accounts.syncBalance.mutate({ id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Accounts</h1>
      <AccountForm />
      {act.error && (
        <p role="alert" className="text-sm text-danger">
          {describeError(act.error).message}
        </p>
      )}
      <Card title={`Your accounts (${accounts.data?.pagination.total ?? 0})`}>
        {accounts.data?.accounts.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Accounts">
              <thead className="text-muted">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Exchange</th>
                  <th>Keys</th>
                  <th>Balance</th>
                  <th>Equity</th>
                  <th>P&L</th>
                  <th>Synced</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.accounts.map(({ accountInfo: info, balances, performance }) => (
                  <tr key={info.id} className="border-t border-line">
                    <td className="py-2">{info.name}</td>
                    <td>
                      {info.exchange}
                      {info.isTestnet && ' (testnet)'}
                    </td>
                    <td>{keysLabel(info)}</td>
                    <td>
                      {formatMoney(balances.balance)} {balances.currency ?? ''}
                    </td>
                    <td>{formatMoney(balances.equity)}</td>
                    <td className={pnlClass(performance.pnl)}>{formatMoney(performance.pnl)}</td>
                    <td>{formatTime(balances.lastSyncAt)}</td>
                    <td className="flex justify-end gap-2 py-1">
                      {!info.isPaper && (
                        <Button
                          variant="secondary"
                          aria-label={`Sync ${info.name}`}
                          onClick={() => act.mutate({ action: 'syncBalance', id: info.id })}
                        >
                          Sync
                        </Button>
                      )}
                      <ConfirmButton
                        label={`Delete ${info.name}`}
                        title={`Delete ${info.name}?`}
                        description="Its stored keys are erased. An account a running bot uses cannot be deleted."
                        confirmLabel="Delete account"
                        onConfirm={() => act.mutate({ action: 'delete', id: info.id })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>
            No accounts yet: add a paper account to practise, or an exchange account with its API
            keys.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
