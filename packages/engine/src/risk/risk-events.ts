import type { BarSeries } from '../data/bar-series.ts';
import type { GuardTrip } from './equity-guard.ts';
import type { StopLoss } from './risk-guarded-venue.ts';

/** A rule that acted during a run, as backtest and ensemble results list them. */
export type RiskEvent = {
  readonly time: number;
  readonly rule: 'stop_loss' | GuardTrip['kind'];
  /** The ensemble member whose account it touched; null for a run's (or portfolio's) rule. */
  readonly member: string | null;
  readonly symbol: string | null;
  readonly message: string;
};

const shown = (value: number): number => Number(value.toPrecision(10));

export function stopLossEvent(stop: StopLoss, stopLoss: number, member: string | null): RiskEvent {
  return {
    time: stop.time,
    rule: 'stop_loss',
    member,
    symbol: stop.fill.symbol,
    message: `${stop.fill.symbol} closed at ${shown(stop.close)}, ${(stopLoss * 100).toFixed(2)}% or more below the average price ${shown(stop.averagePrice)}: sold at that close`,
  };
}

export function tripEvents(time: number, trips: readonly GuardTrip[]): RiskEvent[] {
  return trips.map((trip) => ({
    time,
    rule: trip.kind,
    member: null,
    symbol: null,
    message: `${trip.message}: every position sold at that close, trading stopped`,
  }));
}

/**
 * One bar interval of the bars (the smallest gap between two consecutive bars of any symbol):
 * the cooldown's unit when a run is given bars rather than a timeframe. 0 with no gap.
 */
export function barInterval(series: readonly BarSeries[]): number {
  let interval = Number.POSITIVE_INFINITY;
  for (const { time, length } of series) {
    for (let i = 1; i < length; i++) {
      const gap = (time[i] as number) - (time[i - 1] as number);
      if (gap > 0 && gap < interval) interval = gap;
    }
  }
  return Number.isFinite(interval) ? interval : 0;
}
