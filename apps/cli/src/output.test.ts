import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPrice,
  formatSignedMoney,
  formatTimestamp,
} from './output.ts';

describe('formatDuration', () => {
  it('drops leading zero units and keeps seconds', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59.9)).toBe('59s');
    expect(formatDuration(3_725)).toBe('1h 2m 5s');
    expect(formatDuration(3_600)).toBe('1h 0m 0s');
    expect(formatDuration(90_061)).toBe('1d 1h 1m 1s');
  });
});

describe('formatTimestamp', () => {
  it('shows seconds in UTC, and the fallback for null', () => {
    expect(formatTimestamp('2026-11-02T10:00:00.123Z')).toBe('2026-11-02 10:00:00Z');
    expect(formatTimestamp(null)).toBe('-');
    expect(formatTimestamp(null, 'never')).toBe('never');
  });
});

describe('number formats', () => {
  it('formatMoney: two decimals with separators, no negative zero', () => {
    expect(formatMoney(12_345.678)).toBe('12,345.68');
    expect(formatMoney(-0.004)).toBe('0.00');
    expect(formatMoney(null)).toBe('-');
  });

  it('formatSignedMoney: a plus on gains only', () => {
    expect(formatSignedMoney(12.5)).toBe('+12.50');
    expect(formatSignedMoney(-3)).toBe('-3.00');
    expect(formatSignedMoney(0.001)).toBe('0.00');
    expect(formatSignedMoney(null)).toBe('-');
  });

  it('formatNumber: without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(null)).toBe('-');
  });

  it('formatPrice: 4 decimals from 1 up, 8 below', () => {
    expect(formatPrice(1482.87344423)).toBe('1482.8734');
    expect(formatPrice(10.5)).toBe('10.5');
    expect(formatPrice(0.000012345678)).toBe('0.00001235');
    expect(formatPrice(null)).toBe('-');
  });

  it('formatPercent: a fraction as a percent', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(-0.00001)).toBe('0.00%');
    expect(formatPercent(Number.NaN)).toBe('-');
    expect(formatPercent(null)).toBe('-');
  });
});
