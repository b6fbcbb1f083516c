import { isDomainError } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import { parseOhlcv } from './parse-ohlcv.ts';

function problem(text: string): { message: string; line: unknown } {
  try {
    parseOhlcv(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe('VALIDATION_ERROR');
    return { message: error.message, line: error.details?.line };
  }
  throw new Error('expected a parse error');
}

// The layouts of the real OHLCV fixtures are checked in test/ohlcv-fixtures.test.ts (file
// reading stays out of src/, which the no-I/O lint rule covers).
describe('parseOhlcv', () => {
  it('reads the Yahoo layout, ignoring Adj Close', () => {
    const text =
      'Date,Open,High,Low,Close,Adj Close,Volume\n1995-01-03,2.179012,2.191358,2.117284,2.117284,1.883304,36301200\n';
    expect(parseOhlcv(text)).toEqual([
      {
        time: Date.UTC(1995, 0, 3),
        open: 2.179012,
        high: 2.191358,
        low: 2.117284,
        close: 2.117284,
        volume: 36301200,
      },
    ]);
  });

  it('reads the Date,Time intraday layout', () => {
    const text =
      'Date,Time,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,09:05:00,3578.73,3587.88,3578.73,3582.99,0,0\n';
    expect(parseOhlcv(text)[0]?.time).toBe(Date.UTC(2006, 0, 2, 9, 5));
  });

  it('reads a plain date,open,high,low,close,volume CSV with CRLF and blank lines', () => {
    const text =
      'date,open,high,low,close,volume\r\n2024-01-02,10,11,9,10.5,100\r\n\r\n2024-01-03 15:30:00,10.5,12,10,11,200\r\n';
    expect(parseOhlcv(text)).toEqual([
      { time: Date.UTC(2024, 0, 2), open: 10, high: 11, low: 9, close: 10.5, volume: 100 },
      { time: Date.UTC(2024, 0, 3, 15, 30), open: 10.5, high: 12, low: 10, close: 11, volume: 200 },
    ]);
  });

  it('reads a file without a header as date,open,high,low,close,volume, and epoch times', () => {
    const bars = parseOhlcv('1704153600,1,2,0.5,1.5,10\n1704240000000,1.5,2,1,1.2,20\n');
    expect(bars.map((bar) => bar.time)).toEqual([1_704_153_600_000, 1_704_240_000_000]);
  });

  it('names the line and the problem for each kind of bad row', () => {
    const header = 'date,open,high,low,close,volume\n';
    const good = '2024-01-02,10,11,9,10,100\n';
    expect(problem('')).toEqual({ message: 'line 1: the file is empty', line: 1 });
    expect(problem(header).message).toBe('line 2: the file has a header but no data rows');
    expect(problem(`${header}${good}2024-01-03,10,11,9,abc,100\n`)).toEqual({
      message: 'line 3: close "abc" is not a number',
      line: 3,
    });
    expect(problem(`${header}2024-01-02,10,11,9,null,100\n`).message).toBe(
      'line 2: close "null" is not a number',
    );
    expect(problem(`${header}2024-01-02,10,9,11,10,100\n`).message).toBe(
      'line 2: high 9 is below low 11',
    );
    expect(problem(`${header}${good}2024-01-01,10,11,9,10,100\n`).message).toBe(
      "line 3: time 2024-01-01 is not after the previous row's time",
    );
    expect(problem(`${header}${good}2024-01-02,10,11,9,10,100\n`).message).toMatch(/^line 3: time/);
    expect(problem(`${header}2024-01-02,10,11,9,10\n`).message).toBe(
      'line 2: expected 6 columns, found 5',
    );
    expect(problem(`${header}2024-02-30,10,11,9,10,100\n`).message).toBe(
      'line 2: date "2024-02-30" is not a valid date',
    );
    expect(problem(`${header}2024-01-02,12,11,9,10,100\n`).message).toBe(
      'line 2: open 12 is outside low..high 9..11',
    );
    expect(problem(`${header}2024-01-02,10,11,9,10,-5\n`).message).toBe(
      'line 2: volume -5 is negative',
    );
    expect(problem('date,open,high,close\n').message).toBe(
      'line 1: the header lacks the column(s) low, volume',
    );
  });
});
