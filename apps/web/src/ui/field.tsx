import * as Label from '@radix-ui/react-label';
import { type InputHTMLAttributes, type SelectHTMLAttributes, useId } from 'react';

type FieldProps = { label: string; error?: string | undefined; hint?: string };

const INPUT =
  'w-full rounded-md border border-line bg-panel px-3 py-2 text-sm text-ink aria-[invalid=true]:border-danger';

function FieldFrame({
  id,
  label,
  error,
  hint,
  children,
}: FieldProps & { id: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <Label.Root htmlFor={id} className="text-sm font-medium">
        {label}
      </Label.Root>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function described(id: string, { error, hint }: FieldProps) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

/** A labelled input with its error (from the server or the contract) right beneath it. */
export function Field({
  label,
  error,
  hint,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} {...(hint && { hint })}>
      <input
        id={id}
        className={INPUT}
        {...described(id, { label, error, ...(hint && { hint }) })}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled select with its error beneath it. */
export function SelectField({
  label,
  error,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly string[] }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error}>
      <select id={id} className={INPUT} {...described(id, { label, error })} {...select}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
