import { describe, expect, it } from 'vitest';
import { MONEY_DECIMALS, roundMoney, toMoney } from './money.ts';

describe('money', () => {
  it('rounds to the ledger scale, half away from zero', () => {
    expect(MONEY_DECIMALS).toBe(8);
    expect(roundMoney(-4.591725588476038)).toBe(-4.59172559);
    expect(roundMoney(-4.591725590000351)).toBe(-4.59172559);
    expect(roundMoney(0.000000005)).toBe(0.00000001);
    expect(roundMoney(-0.000000005)).toBe(-0.00000001);
    expect(Object.is(roundMoney(-0.000000001), 0)).toBe(true);
  });

  it('makes a difference of two ledger amounts exact at 8 places', () => {
    const finalCash = 995.40827441;
    const initialCash = 1000;
    expect(finalCash - initialCash).not.toBe(-4.59172559);
    expect(roundMoney(finalCash - initialCash)).toBe(-4.59172559);
  });

  it('reads Decimals and their text', () => {
    expect(toMoney('995.40827441')).toBe(995.40827441);
    expect(toMoney({ toString: () => '-4.59172559' })).toBe(-4.59172559);
    expect(toMoney(1.123456789)).toBe(1.12345679);
  });
});
