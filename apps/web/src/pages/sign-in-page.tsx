import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { session } from '../api/session.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Sign in by email or username and password; a second step asks for the TOTP code. */
export function SignInPage() {
  const navigate = useNavigate();
  const search = useSearch({ from: '/sign-in' });
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const signIn = useMutation({
    mutationFn: () => api.auth.login.mutate({ login, password, ...(needsCode && { totpCode }) }),
    onSuccess: async (tokens) => {
      session.signIn(tokens);
      await navigate({ to: search.redirect ?? '/' });
    },
    onError: (error) => {
      if (describeError(error).details.twoFactorRequired) setNeedsCode(true);
    },
  });
  const problem = signIn.error ? describeError(signIn.error) : undefined;
  const codeAsked = problem?.details.twoFactorRequired && !totpCode;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <AuthLayout title={needsCode ? 'Two-factor code' : 'Sign in'}>
      <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
        {!needsCode ? (
          <>
            <Field
              label="Email or username"
              autoComplete="username"
              value={login}
              onChange={(event) => setLogin(event.target.value)}
              error={problem?.fields.login}
            />
            <Field
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={
                problem?.fields.password ??
                (problem && !problem.fields.login ? problem.message : undefined)
              }
            />
          </>
        ) : (
          <Field
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={totpCode}
            onChange={(event) => setTotpCode(event.target.value.trim())}
            hint="The 6-digit code from your authenticator app"
            error={codeAsked ? undefined : (problem?.fields.totpCode ?? problem?.message)}
          />
        )}
        <Button type="submit" busy={signIn.isPending}>
          {needsCode ? 'Verify' : 'Sign in'}
        </Button>
      </form>
      <p className="text-sm text-muted">
        No account?{' '}
        <Link to="/register" className="underline">
          Register
        </Link>
      </p>
      <p className="text-sm text-muted">
        <Link to="/forgot-password" className="underline">
          Forgot your password?
        </Link>
      </p>
    </AuthLayout>
  );
}
