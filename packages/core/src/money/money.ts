/**
 * The one rounding rule for money (cash, equity, PnL, fees) on every door: the ledger keeps
 * money as `Decimal(20, 8)`, so every figure is shown at that scale, rounded half away from
 * zero to {@link MONEY_DECIMALS} places. Sums and differences are rounded once, after the
 * arithmetic, so a finished bot's `totalPnl` is exactly `finalCash - initialCash` at 8 places.
 */
export const MONEY_DECIMALS = 8;

/** `value` rounded to {@link MONEY_DECIMALS} places, half away from zero (never `-0`). */
export function roundMoney(value: number): number {
  // toFixed rounds the exact value half up on its magnitude, i.e. half away from zero.
  const rounded = Number(value.toFixed(MONEY_DECIMALS));
  return rounded === 0 ? 0 : rounded;
}

/** A ledger amount (a Decimal, its text, or a number) as every door shows it. */
export function toMoney(amount: number | string | { toString(): string }): number {
  return roundMoney(typeof amount === 'number' ? amount : Number(amount.toString()));
}
