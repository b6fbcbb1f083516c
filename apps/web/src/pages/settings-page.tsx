import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field, SelectField } from '../ui/field.tsx';
import { SessionsCard } from './settings-sessions.tsx';
import { TradingViewCard } from './settings-tradingview.tsx';
import { TwoFactorCard } from './settings-two-factor.tsx';

const MODES = ['testing', 'live_trading', 'autopilot'] as const;

/** Seed 003's system mode; `live_trading` asks for a current two-factor code. */
function SystemModeForm({ current }: { current: string }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState(current);
  const [totpCode, setTotpCode] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api.system.setMode.mutate({
        mode: mode as (typeof MODES)[number],
        ...(mode === 'live_trading' && { totpCode, confirm: true }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auth', 'me'] }),
  });
  const problem = change.error ? describeError(change.error) : undefined;
  return (
    <form
      className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <SelectField
        label="System mode"
        options={MODES}
        value={mode}
        onChange={(event) => setMode(event.target.value)}
        error={problem?.fields.mode}
      />
      {mode === 'live_trading' ? (
        <Field
          label="Two-factor code for live trading"
          inputMode="numeric"
          value={totpCode}
          onChange={(event) => setTotpCode(event.target.value.trim())}
          error={problem?.fields.totpCode ?? problem?.message}
        />
      ) : (
        <span>
          {problem && (
            <span role="alert" className="text-sm text-danger">
              {problem.message}
            </span>
          )}
        </span>
      )}
      <Button type="submit" busy={change.isPending} disabled={mode === current}>
        Change mode
      </Button>
    </form>
  );
}

/** The caller's profile and security: system mode, two-factor, sessions, TradingView. */
export function SettingsPage() {
  const me = useQuery({ queryKey: ['auth', 'me'], queryFn: () => api.auth.me.query() });
  if (!me.data) return <p aria-busy="true">Loading…</p>;
  const profile = me.data;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <Card title="Profile">
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          {[
            ['Email', profile.email],
            ['Name', profile.firstName],
            ['Role', profile.role],
            ['Plan', profile.plan],
            ['Currency', profile.currency],
            ['Active-bot limit', String(profile.activeBotLimit)],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4">
          <SystemModeForm key={profile.systemMode} current={profile.systemMode} />
        </div>
      </Card>
      <TwoFactorCard enabled={profile.twoFactorEnabled} />
      <SessionsCard />
      <TradingViewCard />
    </div>
  );
}
