import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Asks for a reset token by email; the answer is the same whether the account exists or not. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => api.auth.passwordReset.request.mutate({ email }),
  });
  const problem = request.error ? describeError(request.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <AuthLayout title="Reset your password">
      {request.data ? (
        <p role="status" className="text-sm">
          {request.data.message}. The email holds a token to use on the{' '}
          <Link to="/reset-password" search={{ token: undefined }} className="underline">
            new password page
          </Link>
          .
        </p>
      ) : (
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={problem?.fields.email ?? problem?.message}
          />
          <Button type="submit" busy={request.isPending}>
            Send reset email
          </Button>
        </form>
      )}
      <p className="text-sm text-muted">
        <Link to="/sign-in" search={{ redirect: undefined }} className="underline">
          Back to sign in
        </Link>
      </p>
    </AuthLayout>
  );
}
