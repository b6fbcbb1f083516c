/** Types of backtest-hand-loop.mjs (plain JavaScript so its process starts as fast as Node). */
export type Columns = {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
};
export function parseCsv(text: string): Columns;
export function movingAverage(
  bars: Columns,
  settings: { fast: number; slow: number; quantity: number; cash: number; commission: number },
): { finalEquity: number; trades: number };
