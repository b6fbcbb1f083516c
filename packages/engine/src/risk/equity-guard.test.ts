import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../execution/paper-broker.ts';
import { EquityGuard } from './equity-guard.ts';
import { RiskGuardedVenue } from './risk-guarded-venue.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 20);

/** A venue holding 10 units bought at 100 (no commission), marked by `mark(price)`. */
function setUp(rules: { maxDrawdown?: number; maxDailyLoss?: number }) {
  const broker = new PaperBroker({ initialCash: 1000 });
  broker.executeAt('X', 'BUY', 5, 100, T0 - HOUR);
  const venue = new RiskGuardedVenue(broker, rules, HOUR);
  const guard = new EquityGuard(rules, [venue], {
    equity: 1000,
    peakEquity: 1000,
    dayStartEquity: 1000,
  });
  let time = T0;
  const step = (close: number) => {
    venue.processBar('X', { time, open: close, high: close, low: close, close, volume: 1 });
    const result = guard.endStep(time);
    time += HOUR;
    return result;
  };
  return { broker, venue, step };
}

describe('EquityGuard', () => {
  it('fires when the drawdown limit is crossed, sells at the close and halts', () => {
    const { broker, venue, step } = setUp({ maxDrawdown: 0.1 });
    expect(step(120).trips).toEqual([]); // equity 1100: the new peak
    expect(step(101).trips).toEqual([]); // 1005: 8.6 % below
    const { trips, fills, equity } = step(98); // 990: exactly 10 % below 1100
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({
      kind: 'max_drawdown',
      values: { equity: 990, baseline: 1100, limit: 0.1 },
    });
    expect(trips[0]?.values.loss).toBeCloseTo(0.1, 12);
    expect(fills).toMatchObject([{ side: 'SELL', quantity: 5, price: 98 }]);
    expect(venue.reasonOf(fills[0] as (typeof fills)[0])).toBe('max_drawdown');
    expect(equity).toBe(990);
    expect(venue.halted).toBe(true);
    expect(venue.submitMarketOrder('X', 'BUY', 1).id).toBe(0);
    expect(broker.hasPendingOrder('X')).toBe(false);
  });

  it('stays quiet when equity was already past the limit on the step before (a resumed bot)', () => {
    const { venue, step } = setUp({ maxDrawdown: 0.1 });
    venue.armed = false; // a paused bot's bar
    expect(step(70).trips).toEqual([]); // 850: 15 % below, not checked
    venue.armed = true;
    expect(step(60).trips).toEqual([]); // 800: beyond the limit, but not crossing it
  });

  it('measures the daily loss from the equity the UTC day started with', () => {
    const { step } = setUp({ maxDailyLoss: 0.05 });
    // 20:00-23:00 on March 2nd, then March 3rd: the day starts at the 23:00 equity (975).
    for (const close of [100, 97, 96, 95]) expect(step(close).trips).toEqual([]);
    expect(step(91).trips).toEqual([]); // 955: 2.1 % below 975, 4.5 % below 1000
    const [trip] = step(85).trips; // 925: 5.1 % below 975
    expect(trip).toMatchObject({ kind: 'max_daily_loss', values: { baseline: 975 } });
  });
});
