import { z } from 'zod';

/**
 * Quantities are stored as `Decimal(20, 8)`: eight decimals, twelve integer digits. That is the
 * precision of every instrument a paper bot trades, so the smallest tradable quantity is one
 * step of it.
 */
export const QUANTITY_DECIMALS = 8;
export const MIN_QUANTITY = 10 ** -QUANTITY_DECIMALS;
export const MAX_QUANTITY = 999_999_999_999;

/** `quantity` rounded to the stored precision (half away from zero), as the fill will be. */
export function roundQuantity(quantity: number): number {
  return Number(quantity.toFixed(QUANTITY_DECIMALS));
}

const BELOW_MINIMUM = `is below the smallest tradable quantity: at least ${MIN_QUANTITY.toFixed(QUANTITY_DECIMALS)} (quantities have ${QUANTITY_DECIMALS} decimals)`;

/**
 * A quantity to trade, checked against the instrument's precision and limits at the door and
 * rounded to that precision: what is filled in memory is exactly what is stored, and a
 * quantity that rounds to zero (1e-9) is refused instead of becoming a zero fill.
 */
export function zQuantity() {
  return z
    .number({ error: 'must be a number' })
    .finite('must be a finite number')
    .positive('must be greater than 0')
    .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`)
    .transform((quantity) => roundQuantity(quantity))
    .refine((quantity) => quantity >= MIN_QUANTITY, BELOW_MINIMUM);
}
