import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Field } from '../ui/field.tsx';

/** Two-factor authentication: enrol with a QR code and a first code, or disable it. */
export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const queryClient = useQueryClient();
  const [totpCode, setTotpCode] = useState('');
  const [password, setPassword] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
  const enroll = useMutation({ mutationFn: () => api.auth.twoFactor.enroll.mutate() });
  const verify = useMutation({
    mutationFn: () => api.auth.twoFactor.verify.mutate({ totpCode }),
    onSuccess: () => {
      setTotpCode('');
      enroll.reset();
      return refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => api.auth.twoFactor.disable.mutate({ password, totpCode }),
    onSuccess: () => {
      setTotpCode('');
      setPassword('');
      return refresh();
    },
  });
  const failed = verify.error ?? disable.error ?? enroll.error;
  const problem = failed ? describeError(failed) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (enabled) disable.mutate();
    else verify.mutate();
  };
  return (
    <Card title="Two-factor authentication">
      <p className="mb-3 text-sm">
        Two-factor authentication is <strong>{enabled ? 'on' : 'off'}</strong>.
      </p>
      {!enabled && !enroll.data && (
        <Button busy={enroll.isPending} onClick={() => enroll.mutate()}>
          Set up two-factor
        </Button>
      )}
      {(enabled || enroll.data) && (
        <form className="grid max-w-md gap-3" onSubmit={submit} noValidate>
          {enroll.data && (
            <>
              <img
                src={enroll.data.qrCode}
                alt="QR code to scan with your authenticator app"
                className="h-40 w-40 bg-white p-2"
              />
              <Field label="Or enter this secret" readOnly value={enroll.data.secret} />
            </>
          )}
          {enabled && (
            <Field
              label="Current password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={problem?.fields.password}
            />
          )}
          <Field
            label="Code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={totpCode}
            onChange={(event) => setTotpCode(event.target.value.trim())}
            error={
              problem?.fields.totpCode ??
              (problem && !problem.fields.password ? problem.message : undefined)
            }
          />
          <Button
            type="submit"
            variant={enabled ? 'danger' : 'primary'}
            busy={verify.isPending || disable.isPending}
          >
            {enabled ? 'Disable two-factor' : 'Turn on two-factor'}
          </Button>
        </form>
      )}
    </Card>
  );
}
