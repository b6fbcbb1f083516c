/** Binance sends prices and quantities as strings with eight decimals. */
export function decimal(value: number): string {
  return value.toFixed(8);
}
