import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@tradewind/core';
import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { Field } from '../ui/field.tsx';
import { formatTime } from '../ui/format.ts';

type User = TradewindOutputs['admin']['users']['list'][number];
const PLANS = ['free', 'pro', 'enterprise'] as const;

/** One user's row: role, plan and active-bot limit saved together; disable asks first. */
function UserRow({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState(user.role);
  const [plan, setPlan] = useState(user.plan);
  const [limit, setLimit] = useState(String(user.activeBotLimit));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });
  const save = useMutation({
    mutationFn: () =>
      api.admin.users.update.mutate({
        userId: user.id,
        role,
        plan,
        activeBotLimit: limit.trim() === '' ? Number.NaN : Number(limit),
      }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: () =>
      user.disabled
        ? api.admin.users.enable.mutate({ userId: user.id })
        : api.admin.users.disable.mutate({ userId: user.id }),
    onSuccess: refresh,
  });
  const problem = save.error ?? toggle.error;
  const changed = role !== user.role || plan !== user.plan || limit !== String(user.activeBotLimit);
  const select = 'rounded-md border border-line bg-panel px-2 py-1 text-ink';
  return (
    <tr className="border-t border-line align-top">
      <td className="py-2">
        {user.email}
        {user.disabled && <span className="ml-2 text-xs text-danger">disabled</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          className={select}
          value={role}
          onChange={(event) => setRole(event.target.value as User['role'])}
        >
          {ROLES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </td>
      <td>
        <select
          aria-label={`Plan of ${user.email}`}
          className={select}
          value={plan}
          onChange={(event) => setPlan(event.target.value as User['plan'])}
        >
          {PLANS.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </td>
      <td className="w-28">
        <Field
          label={`Bot limit of ${user.email}`}
          inputMode="numeric"
          value={limit}
          onChange={(event) => setLimit(event.target.value)}
          error={save.error ? describeError(save.error).fields.activeBotLimit : undefined}
        />
      </td>
      <td>{formatTime(user.lastLoginAt)}</td>
      <td className="flex flex-wrap justify-end gap-2 py-1">
        <Button
          variant="secondary"
          disabled={!changed}
          busy={save.isPending}
          aria-label={`Save ${user.email}`}
          onClick={() => save.mutate()}
        >
          Save
        </Button>
        {user.disabled ? (
          <Button
            variant="secondary"
            aria-label={`Enable ${user.email}`}
            onClick={() => toggle.mutate()}
          >
            Enable
          </Button>
        ) : (
          <ConfirmButton
            label={`Disable ${user.email}`}
            title={`Disable ${user.email}?`}
            description="They are signed out everywhere and cannot sign in; their bots stop trading."
            confirmLabel="Disable user"
            onConfirm={() => toggle.mutate()}
          />
        )}
        {problem && (
          <p role="alert" className="w-full text-xs text-danger">
            {describeError(problem).message}
          </p>
        )}
      </td>
    </tr>
  );
}

/** Admins only: every user (role, plan, active-bot limit, disable/enable) and the audit log. */
export function AdminPage() {
  const [search, setSearch] = useState('');
  const users = useQuery({
    queryKey: ['admin', 'users', search.trim()],
    queryFn: () => api.admin.users.list.query(search.trim() ? { search: search.trim() } : {}),
  });
  const audit = useQuery({
    queryKey: ['admin', 'audit'],
    queryFn: () => api.admin.audit.list.query({ limit: 50 }),
  });
  if (users.error) return <p role="alert">{describeError(users.error).message}</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Administration</h1>
      <Field
        label="Search users"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <Card title="Users">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Users">
            <thead className="text-muted">
              <tr>
                <th className="py-1">Email</th>
                <th>Role</th>
                <th>Plan</th>
                <th>Bot limit</th>
                <th>Last sign-in</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((user) => (
                <UserRow
                  key={`${user.id}-${user.role}-${user.plan}-${user.activeBotLimit}`}
                  user={user}
                />
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Audit log">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Audit log">
            <thead className="text-muted">
              <tr>
                <th className="py-1">When</th>
                <th>Action</th>
                <th>Target</th>
                <th>Address</th>
              </tr>
            </thead>
            <tbody>
              {(audit.data ?? []).map((entry) => (
                <tr key={entry.id} className="border-t border-line">
                  <td className="py-1">{formatTime(entry.createdAt)}</td>
                  <td>{entry.action}</td>
                  <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '—'}</td>
                  <td>{entry.ipAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
