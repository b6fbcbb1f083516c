import type { ButtonHTMLAttributes } from 'react';

const VARIANTS = {
  primary: 'bg-accent text-white dark:text-slate-950 hover:opacity-90',
  secondary: 'border border-line bg-panel text-ink hover:bg-surface',
  danger: 'bg-danger text-white dark:text-slate-950 hover:opacity-90',
} as const;

/** A button; `variant` picks its weight. Disabled while `busy`. */
export function Button({
  variant = 'primary',
  busy = false,
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS; busy?: boolean }) {
  return (
    <button
      type="button"
      {...props}
      disabled={props.disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium disabled:opacity-50 ${VARIANTS[variant]} ${className}`}
    />
  );
}
