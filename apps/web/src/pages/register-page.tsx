import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { session } from '../api/session.ts';
import { api } from '../api/trpc.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Create an account; the server's password rules come back beside the password field. */
export function RegisterPage() {
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '', firstName: '', username: '' });
  const register = useMutation({
    mutationFn: () =>
      api.auth.register.mutate({
        email: form.email,
        password: form.password,
        firstName: form.firstName,
        ...(form.username && { username: form.username }),
      }),
    onSuccess: async (tokens) => {
      session.signIn(tokens);
      await navigate({ to: '/' });
    },
  });
  const problem = register.error ? describeError(register.error) : undefined;
  const set = (field: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const unplaced =
    problem && Object.keys(problem.fields).length === 0 ? problem.message : undefined;
  return (
    <AuthLayout title="Create your account">
      <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
        <Field
          label="First name"
          autoComplete="given-name"
          value={form.firstName}
          onChange={set('firstName')}
          error={problem?.fields.firstName}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={problem?.fields.email ?? unplaced}
        />
        <Field
          label="Username (optional)"
          autoComplete="username"
          value={form.username}
          onChange={set('username')}
          error={problem?.fields.username}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters; not a common or breached password"
          value={form.password}
          onChange={set('password')}
          error={problem?.fields.password}
        />
        <Button type="submit" busy={register.isPending}>
          Create account
        </Button>
      </form>
      <p className="text-sm text-muted">
        Have an account?{' '}
        <Link to="/sign-in" search={{ redirect: undefined }} className="underline">
          Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}
