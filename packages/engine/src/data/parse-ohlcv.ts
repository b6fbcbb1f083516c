import { DomainError } from '@tradewind/core';
import type { Bar } from './bar.ts';
import { parseTimeOfDay, parseTimestamp } from './parse-timestamp.ts';

type Columns = {
  readonly count: number;
  readonly date: number;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
};

const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const DATE_NAMES = ['date', 'datetime', 'timestamp', 'time', 'date_time'];

// Without a header the common layout is assumed: date,open,high,low,close,volume.
const HEADERLESS: Omit<Columns, 'count'> = {
  date: 0,
  time: -1,
  open: 1,
  high: 2,
  low: 3,
  close: 4,
  volume: 5,
};

/**
 * Parses OHLCV text (CSV) into bars, oldest first.
 *
 * Understands a header naming the columns (case-insensitive; `Date`, `Time`, `Open`, `High`,
 * `Low`, `Close`, `Volume`; extra columns such as `Adj Close` or `OpenInterest` are ignored), so
 * both the Yahoo layout of the OHLCV test fixtures and a plain `date,open,high,low,close,volume` file work.
 * A file without a header is read as `date,open,high,low,close,volume`. Dates without a zone are
 * read as UTC. Blank lines are skipped.
 *
 * @throws DomainError `VALIDATION_ERROR` naming the 1-based line and the problem: wrong column
 *   count, a value that is not a number, an unreadable date, a negative price or volume,
 *   high below low, open or close outside high..low, time not after the previous row, or no rows.
 */
export function parseOhlcv(text: string): Bar[] {
  const lines = text.split('\n');
  const bars: Bar[] = [];
  let columns: Columns | undefined;
  let previousTime = Number.NEGATIVE_INFINITY;

  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === '') continue;
    const lineNumber = index + 1;
    const cells = line.split(',').map((cell) => cell.trim());
    if (columns === undefined) {
      columns = readHeader(cells, lineNumber);
      if (columns.count > 0) continue;
      columns = { ...HEADERLESS, count: cells.length };
      if (cells.length < 6) fail(lineNumber, `expected at least 6 columns, found ${cells.length}`);
    }
    if (cells.length !== columns.count) {
      fail(lineNumber, `expected ${columns.count} columns, found ${cells.length}`);
    }
    const bar = readRow(cells, columns, lineNumber);
    if (!(bar.time > previousTime)) {
      fail(lineNumber, `time ${cells[columns.date]} is not after the previous row's time`);
    }
    previousTime = bar.time;
    bars.push(bar);
  }
  if (bars.length === 0) {
    if (columns === undefined) fail(1, 'the file is empty');
    fail(lines.length, 'the file has a header but no data rows');
  }
  return bars;
}

/** Returns the header's columns, or `count: 0` when the first line is already data. */
function readHeader(cells: readonly string[], lineNumber: number): Columns {
  const names = cells.map((cell) => cell.toLowerCase().replace(/^"|"$/g, ''));
  if (!Number.isNaN(parseTimestamp(cells[0] ?? ''))) return { ...HEADERLESS, count: 0 };
  const find = (name: string): number => names.indexOf(name);
  const date = names.findIndex((name) => DATE_NAMES.includes(name));
  // A separate Time column only when a Date column sits before it (Date,Time,... layouts).
  const time = date >= 0 && names[date] === 'date' ? find('time') : -1;
  const columns = {
    count: cells.length,
    date,
    time,
    open: find('open'),
    high: find('high'),
    low: find('low'),
    close: find('close'),
    volume: find('volume'),
  };
  const missing = (['date', ...PRICE_FIELDS] as const).filter((field) => columns[field] < 0);
  if (missing.length > 0) {
    fail(lineNumber, `the header lacks the column(s) ${missing.join(', ')}`);
  }
  return columns;
}

function readRow(cells: readonly string[], columns: Columns, lineNumber: number): Bar {
  const dateText = cells[columns.date] ?? '';
  let time = parseTimestamp(dateText);
  if (columns.time >= 0) time += parseTimeOfDay(cells[columns.time] ?? '');
  if (Number.isNaN(time)) {
    const shown = columns.time >= 0 ? `${dateText} ${cells[columns.time]}` : dateText;
    fail(lineNumber, `date "${shown}" is not a valid date`);
  }
  const values = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (const field of PRICE_FIELDS) {
    const cell = cells[columns[field]] ?? '';
    const value = cell === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(value)) fail(lineNumber, `${field} "${cell}" is not a number`);
    if (value < 0) fail(lineNumber, `${field} ${cell} is negative`);
    values[field] = value;
  }
  const { open, high, low, close, volume } = values;
  if (high < low) fail(lineNumber, `high ${high} is below low ${low}`);
  if (open < low || open > high)
    fail(lineNumber, `open ${open} is outside low..high ${low}..${high}`);
  if (close < low || close > high) {
    fail(lineNumber, `close ${close} is outside low..high ${low}..${high}`);
  }
  return { time, open, high, low, close, volume };
}

function fail(lineNumber: number, problem: string): never {
  throw new DomainError('VALIDATION_ERROR', `line ${lineNumber}: ${problem}`, {
    line: lineNumber,
    problem,
  });
}
