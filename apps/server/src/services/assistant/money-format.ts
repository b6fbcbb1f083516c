/**
 * Money as the assistant writes it: the currency code, thousands separators, two decimals
 * (`USD 10,012.35`, `-USD 5.00`). The figure is the API's (already rounded by core's money
 * rule); this only shows it to cents, rounded half away from zero like `toFixed`.
 */
export function formatMoney(value: number, currency: string): string {
  const cents = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${value < 0 ? '-' : ''}${currency} ${cents}`;
}

/** A fraction as a percent with two decimals (`0.0512` -> `5.12%`; signed: `+5.12%`). */
export function formatPercent(fraction: number, signed = false): string {
  const percent = (Math.abs(fraction) < 0.00005 ? 0 : fraction * 100).toFixed(2);
  return `${signed && fraction > 0 && percent !== '0.00' ? '+' : ''}${percent}%`;
}
