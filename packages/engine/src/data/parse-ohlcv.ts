import { DomainError } from '@tradewind/core';
import type { Bar } from './bar.ts';
import { type BarSeries, barAt, createBarSeries, sliceBarSeries } from './bar-series.ts';
import { cellNumber, cellTimeOfDay, cellTimestamp, isSpace } from './csv-cells.ts';
import { parseTimestamp } from './parse-timestamp.ts';

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
 * Parses OHLCV text (CSV) into bars, oldest first. {@link parseOhlcvSeries} as `Bar` objects.
 *
 * @throws DomainError `VALIDATION_ERROR` as {@link parseOhlcvSeries}.
 */
export function parseOhlcv(text: string): Bar[] {
  const series = parseOhlcvSeries(text);
  const bars = new Array<Bar>(series.length);
  for (let i = 0; i < series.length; i++) bars[i] = barAt(series, i);
  return bars;
}

/**
 * Parses OHLCV text (CSV) into columns, oldest first.
 *
 * Understands a header naming the columns (case-insensitive; `Date`, `Time`, `Open`, `High`,
 * `Low`, `Close`, `Volume`; extra columns such as `Adj Close` or `OpenInterest` are ignored), so
 * both the Yahoo layout of the OHLCV test fixtures and a plain `date,open,high,low,close,volume` file work.
 * A file without a header is read as `date,open,high,low,close,volume`. Dates without a zone are
 * read as UTC. Blank lines are skipped.
 *
 * Fast on long files: the text is scanned in place, cells are read from their character codes
 * straight into typed arrays (no per-row strings or objects), and a date repeated on
 * consecutive rows (intraday bars) is parsed once.
 *
 * @throws DomainError `VALIDATION_ERROR` naming the 1-based line and the problem: wrong column
 *   count, a value that is not a number, an unreadable date, a negative price or volume,
 *   high below low, open or close outside high..low, time not after the previous row, or no rows.
 */
export function parseOhlcvSeries(text: string): BarSeries {
  const lineCount = countLines(text);
  const series = createBarSeries(lineCount);
  const outputs = PRICE_FIELDS.map((field) => series[field]);
  const values = new Float64Array(PRICE_FIELDS.length);
  let starts = new Int32Array(16);
  let ends = new Int32Array(16);
  let columns: Columns | undefined;
  let fieldColumns: number[] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  // The last date cell read and its time: intraday rows repeat the date.
  let dateStart = -1;
  let dateLength = -1;
  let dateValue = Number.NaN;
  let count = 0;

  for (let lineStart = 0, lineNumber = 1; lineNumber <= lineCount; lineNumber++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // Split the line at commas, trimming each cell as String.prototype.trim would.
    let cells = 0;
    for (let cellStart = lineStart; ; ) {
      let comma = text.indexOf(',', cellStart);
      if (comma < 0 || comma > lineEnd) comma = lineEnd;
      if (cells === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      let start = cellStart;
      let end = comma;
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      starts[cells] = start;
      ends[cells] = end;
      cells++;
      if (comma === lineEnd) break;
      cellStart = comma + 1;
    }
    const from = lineStart;
    lineStart = lineEnd + 1;
    if (cells === 1 && starts[0] === ends[0]) continue; // a blank line
    if (columns === undefined) {
      const line = text.slice(from, lineEnd).trim();
      columns = readHeader(
        line.split(',').map((name) => name.trim()),
        lineNumber,
      );
      fieldColumns = PRICE_FIELDS.map((field) => (columns as Columns)[field]);
      if (columns.count > 0) continue;
      columns = { ...HEADERLESS, count: cells };
      fieldColumns = PRICE_FIELDS.map((field) => HEADERLESS[field]);
      if (cells < 6) fail(lineNumber, `expected at least 6 columns, found ${cells}`);
    }
    if (cells !== columns.count) {
      fail(lineNumber, `expected ${columns.count} columns, found ${cells}`);
    }

    const start = starts[columns.date] as number;
    const length = (ends[columns.date] as number) - start;
    if (length !== dateLength || !sameText(text, start, dateStart, length)) {
      dateValue = cellTimestamp(text, start, start + length);
      dateStart = start;
      dateLength = length;
    }
    let time = dateValue;
    if (columns.time >= 0) {
      time += cellTimeOfDay(text, starts[columns.time] as number, ends[columns.time] as number);
    }
    if (Number.isNaN(time)) {
      const shown =
        columns.time >= 0
          ? `${cellText(text, starts, ends, columns.date)} ${cellText(text, starts, ends, columns.time)}`
          : cellText(text, starts, ends, columns.date);
      fail(lineNumber, `date "${shown}" is not a valid date`);
    }
    for (let field = 0; field < PRICE_FIELDS.length; field++) {
      const column = fieldColumns[field] as number;
      const value = cellNumber(text, starts[column] as number, ends[column] as number);
      if (!Number.isFinite(value) || value < 0) {
        const name = PRICE_FIELDS[field] as string;
        if (!Number.isFinite(value))
          fail(lineNumber, `${name} "${cellText(text, starts, ends, column)}" is not a number`);
        fail(lineNumber, `${name} ${cellText(text, starts, ends, column)} is negative`);
      }
      values[field] = value;
    }
    const open = values[0] as number;
    const high = values[1] as number;
    const low = values[2] as number;
    const close = values[3] as number;
    if (high < low) fail(lineNumber, `high ${high} is below low ${low}`);
    if (open < low || open > high) {
      fail(lineNumber, `open ${open} is outside low..high ${low}..${high}`);
    }
    if (close < low || close > high) {
      fail(lineNumber, `close ${close} is outside low..high ${low}..${high}`);
    }
    if (!(time > previousTime)) {
      fail(
        lineNumber,
        `time ${cellText(text, starts, ends, columns.date)} is not after the previous row's time`,
      );
    }
    previousTime = time;
    series.time[count] = time;
    for (let field = 0; field < PRICE_FIELDS.length; field++) {
      (outputs[field] as Float64Array)[count] = values[field] as number;
    }
    count++;
  }
  if (count === 0) {
    if (columns === undefined) fail(1, 'the file is empty');
    fail(lineCount, 'the file has a header but no data rows');
  }
  // Views of the rows read: the header and blank lines left spare room (no copy).
  return sliceBarSeries(series, 0, count);
}

/** Returns the header's columns, or `count: 0` when the first line is already data. */
function readHeader(cells: readonly string[], lineNumber: number): Columns {
  const names = cells.map((cell) => cell.toLowerCase().replace(/^"|"$/g, ''));
  if (!Number.isNaN(parseTimestamp(cells[0] ?? ''))) return { ...HEADERLESS, count: 0 };
  const find = (name: string): number => names.indexOf(name);
  const date = names.findIndex((name) => DATE_NAMES.includes(name));
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

/** The text of cell `index` of the current row (only for messages: the hot path reads codes). */
function cellText(text: string, starts: Int32Array, ends: Int32Array, index: number): string {
  return text.slice(starts[index] as number, ends[index] as number);
}

/** Lines as `text.split('\n')` cuts them. */
function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  if (b < 0) return false;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  }
  return true;
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function fail(lineNumber: number, problem: string): never {
  throw new DomainError('VALIDATION_ERROR', `line ${lineNumber}: ${problem}`, {
    line: lineNumber,
    problem,
  });
}
