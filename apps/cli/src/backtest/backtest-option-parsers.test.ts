import { describe, expect, it } from 'vitest';
import { barTime, endBarTime, gridEntry, rate, symbolFromFile } from './backtest-option-parsers.ts';

describe('backtest option parsers', () => {
  it('reads dates as UTC, an end date as the whole day', () => {
    expect(barTime('2010-01-04')).toBe(Date.UTC(2010, 0, 4));
    expect(barTime('2010-01-04T09:30')).toBe(Date.UTC(2010, 0, 4, 9, 30));
    expect(endBarTime('2010-01-04')).toBe(Date.UTC(2010, 0, 5) - 1);
    expect(endBarTime('2010-01-04 16:00')).toBe(Date.UTC(2010, 0, 4, 16));
    expect(() => barTime('yesterday')).toThrow('must be a date such as 2010-01-04');
    expect(() => barTime('2010-02-30')).toThrow('must be a date such as 2010-01-04');
  });

  it('takes rates from 0 up to 1', () => {
    expect(rate('0.001')).toBe(0.001);
    expect(rate('0')).toBe(0);
    expect(() => rate('1')).toThrow('must be a fraction from 0 up to');
    expect(() => rate('-0.1')).toThrow('must be a fraction from 0 up to');
    expect(() => rate('abc')).toThrow('must be a fraction from 0 up to');
  });

  it('collects grid values per parameter', () => {
    const grid = gridEntry('slow=30, 50', gridEntry('fast=5,10', undefined));
    expect(grid).toEqual({ fast: [5, 10], slow: [30, 50] });
    expect(() => gridEntry('fast=5,,10', undefined)).toThrow(
      'fast needs values separated by commas',
    );
    expect(() => gridEntry('fast', undefined)).toThrow('expected name=value,value');
    expect(() => gridEntry('fast=1', { fast: [2] })).toThrow('fast is given twice');
  });

  it('names the symbol after the file', () => {
    expect(symbolFromFile('/tmp/data/orcl-1995-2014.txt')).toBe('ORCL');
    expect(symbolFromFile('2006-min-005.txt')).toBe('2006');
    expect(symbolFromFile('~weird.csv')).toBe('DATA');
  });
});
