import {
  type BacktestPeriod,
  type BacktestRejections,
  MAX_LISTED_REJECTIONS,
} from '@tradewind/core';
import type { OrderRejection } from '../execution/order.ts';

/** The traded span of an equity curve's times, or null when nothing was traded. */
export function tradedPeriod(times: readonly number[]): BacktestPeriod | null {
  const startTime = times[0];
  const endTime = times.at(-1);
  if (startTime === undefined || endTime === undefined) return null;
  return { startTime, endTime, bars: times.length };
}

/** Every rejection counted, the first {@link MAX_LISTED_REJECTIONS} listed with their reasons. */
export function summarizeRejections(rejections: readonly OrderRejection[]): BacktestRejections {
  return {
    total: rejections.length,
    first: rejections.slice(0, MAX_LISTED_REJECTIONS).map((rejection) => ({
      time: rejection.time,
      symbol: rejection.order.symbol,
      side: rejection.order.side,
      quantity: rejection.order.quantity,
      reason: rejection.reason,
      message: rejection.message,
    })),
  };
}
