/** Types of backtest-hand-loop.mjs (plain JavaScript so its process starts as fast as Node). */
import type { BarSeries } from '@tradewind/engine';

export function parseCsv(text: string): BarSeries;
export function movingAverage(
  bars: BarSeries,
  settings: { fast: number; slow: number; quantity: number; cash: number; commission: number },
): { finalEquity: number; trades: number };
