import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  botId,
  isoDateTime,
  keyValue,
  nonNegativeInteger,
  paramValue,
  positiveInteger,
  positiveNumber,
  symbolList,
} from './option-parsers.ts';

function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error('expected the value to be refused');
}

describe('positiveNumber', () => {
  it('reads plain decimals above zero', () => {
    expect(positiveNumber('10000')).toBe(10_000);
    expect(positiveNumber('2.5')).toBe(2.5);
    expect(positiveNumber('1e4')).toBe(10_000);
    expect(positiveNumber('.5')).toBe(0.5);
  });

  it('refuses zero, negatives, and what is not a plain number', () => {
    for (const value of ['0', '-5', '', ' ', 'abc', '0x10', 'Infinity', '1e400', '10,000', 'NaN']) {
      expect(refusal(() => positiveNumber(value))).toBe('must be a number greater than 0.');
    }
  });
});

describe('whole numbers', () => {
  it('positiveInteger and botId take 1 and up', () => {
    expect(positiveInteger('3')).toBe(3);
    expect(botId('42')).toBe(42);
    for (const value of ['0', '-1', '1.5', 'x', '']) {
      expect(refusal(() => positiveInteger(value))).toMatch(/whole number of at least 1/);
      expect(refusal(() => botId(value))).toMatch(/must be a bot id/);
    }
  });

  it('nonNegativeInteger takes 0 too', () => {
    expect(nonNegativeInteger('0')).toBe(0);
    expect(nonNegativeInteger('7')).toBe(7);
    expect(refusal(() => nonNegativeInteger('-1'))).toMatch(/0 or more/);
  });
});

describe('symbolList', () => {
  it('splits on commas, trims and upper-cases', () => {
    expect(symbolList('AAPL,GOOGL')).toEqual(['AAPL', 'GOOGL']);
    expect(symbolList(' aapl , btc/usd ')).toEqual(['AAPL', 'BTC/USD']);
  });

  it('refuses an empty list, an empty entry, a repeat, and what is not a ticker', () => {
    expect(refusal(() => symbolList(''))).toMatch(/at least one symbol/);
    expect(refusal(() => symbolList('  '))).toMatch(/at least one symbol/);
    expect(refusal(() => symbolList('AAPL,,GOOGL'))).toBe(
      'symbol 2 is empty; separate symbols with commas.',
    );
    expect(refusal(() => symbolList('AAPL,'))).toMatch(/symbol 2 is empty/);
    expect(refusal(() => symbolList('AAPL,aapl'))).toBe('AAPL is listed twice.');
    expect(refusal(() => symbolList('AAPL GOOGL'))).toMatch(/"AAPL GOOGL" is not a ticker/);
  });
});

describe('keyValue', () => {
  const param = keyValue('fast=10');

  it('collects repeated key=value pairs, typing numbers and booleans', () => {
    let params = param('fast=3', undefined);
    params = param('slow = 8', params);
    params = param('trailing=true', params);
    params = param('label=golden cross', params);
    expect(params).toEqual({ fast: 3, slow: 8, trailing: true, label: 'golden cross' });
  });

  it('refuses a missing key, a missing value and a key given twice', () => {
    expect(refusal(() => param('fast', undefined))).toBe('expected key=value, e.g. fast=10.');
    expect(refusal(() => param('=3', undefined))).toMatch(/expected key=value/);
    expect(refusal(() => param('fast=', undefined))).toBe('fast has no value.');
    expect(refusal(() => param('fast=4', { fast: 3 }))).toBe('fast is given twice.');
  });

  it('paramValue keeps anything else as text', () => {
    expect(paramValue('-1.5')).toBe(-1.5);
    expect(paramValue('false')).toBe(false);
    expect(paramValue('True')).toBe('True');
    expect(paramValue('0x10')).toBe('0x10');
  });
});

describe('isoDateTime', () => {
  it('reads a date-time with a zone as the same instant in UTC', () => {
    expect(isoDateTime('2026-12-31T16:00:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(isoDateTime('2026-12-31T17:00+01:00')).toBe('2026-12-31T16:00:00.000Z');
    expect(isoDateTime('2026-12-31T16:00:00.250z')).toBe('2026-12-31T16:00:00.250Z');
  });

  it('refuses a missing zone, a date alone, an impossible date and anything else', () => {
    for (const value of [
      '2026-12-31T16:00:00',
      '2026-12-31',
      '2026-02-30T10:00:00Z',
      '2026-12-31T25:00:00Z',
      'tomorrow',
      '',
    ]) {
      expect(refusal(() => isoDateTime(value))).toMatch(
        /must be an ISO 8601 date-time with a zone/,
      );
    }
  });
});
