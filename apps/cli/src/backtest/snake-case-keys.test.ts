import { describe, expect, it } from 'vitest';
import { snakeCaseKeys } from './snake-case-keys.ts';

describe('snakeCaseKeys', () => {
  it('renames keys at every depth, keeps values and parameter names', () => {
    expect(
      snakeCaseKeys({
        finalEquity: 1.5,
        equityCurve: { times: [1, 2] },
        closedTrades: [{ entryTime: 3, returnPct: null }],
        params: { fast: 10, stdDev: 2 },
        riskEvents: [{ message: 'camelCase value' }],
      }),
    ).toEqual({
      final_equity: 1.5,
      equity_curve: { times: [1, 2] },
      closed_trades: [{ entry_time: 3, return_pct: null }],
      params: { fast: 10, stdDev: 2 },
      risk_events: [{ message: 'camelCase value' }],
    });
  });
});
