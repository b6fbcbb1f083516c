import { ERROR_CODE_TABLE, type ErrorCode } from '../errors/error-code.ts';
import type { TradingViewSignalStatus } from './tradingview.ts';

/** What a TradingView webhook caller was told, as the signal log records it. */
export type TradingViewAnswer =
  | { status: Exclude<TradingViewSignalStatus, 'REJECTED'> }
  | { status: 'REJECTED'; errorCode: ErrorCode };

/**
 * The HTTP status of a TradingView webhook answer, in one place (as `ERROR_CODE_TABLE` for
 * errors): 202 while execution goes on, the refusal's error status, else 200 (executed,
 * partly or not at all, or a duplicate: the results are in the body).
 */
export function tradingViewReplyStatus(answer: TradingViewAnswer): number {
  if (answer.status === 'REJECTED') return ERROR_CODE_TABLE[answer.errorCode].httpStatus;
  return answer.status === 'PROCESSING' ? 202 : 200;
}
