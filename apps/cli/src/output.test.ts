import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimestamp } from './output.ts';

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
