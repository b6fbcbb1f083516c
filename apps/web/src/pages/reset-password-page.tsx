import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Sets a new password with the emailed token (from the link's `?token=`, or pasted). */
export function ResetPasswordPage() {
  const search = useSearch({ from: '/reset-password' });
  const [token, setToken] = useState(search.token ?? '');
  const [newPassword, setNewPassword] = useState('');
  const complete = useMutation({
    mutationFn: () => api.auth.passwordReset.complete.mutate({ token, newPassword }),
  });
  const problem = complete.error ? describeError(complete.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate();
  };
  return (
    <AuthLayout title="Choose a new password">
      {complete.data ? (
        <p role="status" className="text-sm">
          Your password is changed and every session ended.{' '}
          <Link to="/sign-in" search={{ redirect: undefined }} className="underline">
            Sign in
          </Link>{' '}
          with the new one.
        </p>
      ) : (
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
          <Field
            label="Reset token"
            value={token}
            onChange={(event) => setToken(event.target.value.trim())}
            error={
              problem?.fields.token ??
              (problem && !problem.fields.newPassword ? problem.message : undefined)
            }
          />
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            error={problem?.fields.newPassword}
          />
          <Button type="submit" busy={complete.isPending}>
            Set new password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
