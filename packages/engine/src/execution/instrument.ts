/**
 * The trading rules of one market, as an exchange publishes them (Binance's LOT_SIZE and
 * NOTIONAL filters, ccxt's `market.precision.amount` and `market.limits`). A market without
 * rules (the simulator, a CSV) trades any positive quantity.
 */
export type Instrument = {
  /** Quantities are whole multiples of this (0.00001 BTC). */
  readonly quantityStep: number;
  /** Smallest quantity an order may have. */
  readonly minQuantity: number;
  /** Smallest `quantity * price` an order may have, in the quote currency. */
  readonly minNotional: number;
};

// 12 significant digits: removes the float noise of `0.3 / 0.1` without moving a real step.
const clean = (value: number): number => Number(value.toPrecision(12));

/** `quantity` rounded down to a whole number of `step`s (never up: an order never grows). */
export function roundDownToStep(quantity: number, step: number): number {
  const steps = Math.floor(clean(quantity / step));
  return steps <= 0 ? 0 : clean(steps * step);
}

/**
 * Why an order of `quantity` at `price` breaks the instrument's minimums, or undefined when it
 * may trade. The message names the rule and both figures, for the rejection an owner reads.
 */
export function minimumProblem(
  instrument: Instrument,
  quantity: number,
  price: number,
): string | undefined {
  if (quantity <= 0 || quantity < instrument.minQuantity) {
    return `quantity ${quantity} is below the market's minimum ${instrument.minQuantity} (step ${instrument.quantityStep})`;
  }
  const notional = clean(quantity * price);
  if (notional < instrument.minNotional) {
    return `notional ${notional} is below the market's minimum ${instrument.minNotional}`;
  }
  return undefined;
}
