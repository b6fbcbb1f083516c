/** Rounds to the nearest multiple of `increment` (a tick or lot step), free of float dust. */
export function roundTo(value: number, increment: number): number {
  const decimals = decimalsOf(increment);
  return Number((Math.round(value / increment) * increment).toFixed(decimals));
}

/** How many decimals an increment such as 0.01 or 1e-8 has. */
export function decimalsOf(increment: number): number {
  if (increment >= 1) return 0;
  return Math.min(16, Math.max(0, Math.ceil(-Math.log10(increment) - 1e-9)));
}
