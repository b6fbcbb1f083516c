import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
} from '@jridgewell/trace-mapping';
import { DomainError } from '@tradewind/core';
import { STRATEGY_FILE_NAME } from './compile-strategy.ts';

/** The compiled code's file name inside the sandbox, as stack frames spell it. */
export const COMPILED_FILE_NAME = 'strategy.js';

/** What the sandbox reports when a guest call fails. */
export type GuestFailure = {
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
};

/**
 * The error a failing strategy puts its backtest or bot in: what went wrong and, when the
 * failure is in the user's code, the line and column of their source (through the source map).
 */
export function strategyError(
  failure: GuestFailure,
  sourceMap: string,
  limits: string,
): DomainError {
  const message = describe(failure, limits);
  const location = userLocation(failure.stack ?? '', sourceMap);
  const where =
    location === undefined
      ? ''
      : ` (${STRATEGY_FILE_NAME} line ${location.line}, column ${location.column})`;
  return new DomainError('VALIDATION_ERROR', `strategy failed: ${message}${where}`, {
    field: 'source',
    ...(location !== undefined && { line: location.line, column: location.column }),
  });
}

function describe(failure: GuestFailure, limits: string): string {
  const text = failure.message ?? String(failure);
  if (/interrupted/i.test(text)) return `it ran past its CPU time limit (${limits})`;
  if (/out of memory/i.test(text)) return `it ran out of memory (${limits})`;
  if (/stack overflow|call stack size/i.test(text)) return 'stack overflow (recursion too deep)';
  return failure.name ? `${failure.name}: ${text}` : text;
}

// QuickJS frames read `at onBar (strategy.js:12:7)` or `(strategy.js:12)`.
const FRAME = new RegExp(`${COMPILED_FILE_NAME.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`);

function userLocation(
  stack: string,
  sourceMap: string,
): { line: number; column: number } | undefined {
  const match = FRAME.exec(stack);
  if (match === null || sourceMap === '') return undefined;
  const line = Number(match[1]);
  const column = match[2] === undefined ? 0 : Number(match[2]) - 1;
  const map = new TraceMap(sourceMap);
  // Without a column, the line's first mapped segment is the best guess.
  for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
    const original = originalPositionFor(map, { line, column, bias });
    if (original.line !== null) return { line: original.line, column: original.column + 1 };
  }
  return undefined;
}
