const money = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Money in cents, as the CLI tables print it; the server keeps 8 decimals. */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : money.format(value);
}

/** A signed amount's colour class: gains green, losses red. */
export function pnlClass(value: number | null | undefined): string {
  if (!value) return '';
  return value > 0 ? 'text-gain' : 'text-loss';
}

export function formatTime(value: string | Date | null | undefined): string {
  return value ? new Date(value).toLocaleString() : '—';
}

/** A fraction as a percent (0.1234 -> 12.34 %). */
export function formatPercent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(2)} %`;
}
