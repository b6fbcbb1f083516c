import { isDomainError } from '@tradewind/core';
import { readOhlcv } from '@tradewind/testing/fixtures';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random/seeded-random.ts';
import { cellNumber } from './csv-cells.ts';
import { parseOhlcv, parseOhlcvSeries } from './parse-ohlcv.ts';
import { parseTimeOfDay, parseTimestamp } from './parse-timestamp.ts';

/** The plain way, row by row through `split`, `Number` and `parseTimestamp`: what the fast path must equal. */
function plainColumns(text: string): number[][] {
  const [header = '', ...lines] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const names = header.split(',').map((name) => name.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const time = at('time') >= 0 ? parseTimeOfDay(cells[at('time')] as string) : 0;
    return [
      parseTimestamp(cells[at('date')] as string) + time,
      ...['open', 'high', 'low', 'close', 'volume'].map((name) => Number(cells[at(name)])),
    ];
  });
}

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

  it('reads every fixture exactly as the plain row-by-row reading does', () => {
    for (const file of [
      'orcl-1995-2014.txt',
      'nvda-1999-2014.txt',
      'yhoo-1996-2015.txt',
      '2006-min-005.txt',
    ]) {
      const text = readOhlcv(file);
      const series = parseOhlcvSeries(text);
      const plain = plainColumns(text);
      expect(series.length).toBe(plain.length);
      const columns = [
        series.time,
        series.open,
        series.high,
        series.low,
        series.close,
        series.volume,
      ];
      const rows = plain.map((_, i) => columns.map((column) => column[i]));
      expect(rows).toEqual(plain);
    }
  });

  it('reads cells with odd spellings as Number and parseTimestamp do', () => {
    const text = [
      'date , open,high,low,close,volume',
      '2024-01-02T09:30:00,1e1,\u00a011 ,9.,10,0x10',
      '\t2024-01-02 09:31:00Z ,.5e1,11,4,10,1.2345678901234567',
      '20240103,10.000000000000001,11,9,10,00012',
      '1704326400,10,11,9,10,100',
      '2024-1-5,10,11,9,10,100',
    ].join('\r\n');
    expect(parseOhlcv(text)).toEqual([
      { time: Date.UTC(2024, 0, 2, 9, 30), open: 10, high: 11, low: 9, close: 10, volume: 16 },
      {
        time: Date.UTC(2024, 0, 2, 9, 31),
        open: 5,
        high: 11,
        low: 4,
        close: 10,
        volume: 1.2345678901234567,
      },
      {
        time: Date.UTC(2024, 0, 3),
        open: Number('10.000000000000001'),
        high: 11,
        low: 9,
        close: 10,
        volume: 12,
      },
      { time: Date.UTC(2024, 0, 4), open: 10, high: 11, low: 9, close: 10, volume: 100 },
      { time: Date.UTC(2024, 0, 5), open: 10, high: 11, low: 9, close: 10, volume: 100 },
    ]);
  });

  it('gives the same double as Number for random decimals', () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(random.next() * 15);
      let text = '';
      for (let k = 0; k < digits; k++) text += String(Math.floor(random.next() * 10));
      const point = Math.floor(random.next() * (digits + 1));
      text = `${text.slice(0, point)}.${text.slice(point)}`;
      expect(Object.is(cellNumber(text, 0, text.length), Number(text))).toBe(true);
    }
  });
});
