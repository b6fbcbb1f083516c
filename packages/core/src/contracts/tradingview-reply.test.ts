import { describe, expect, it } from 'vitest';
import { tradingViewReplyStatus } from './tradingview-reply.ts';

describe('tradingViewReplyStatus', () => {
  it('answers 202 while executing, the error status of a refusal, else 200', () => {
    expect(tradingViewReplyStatus({ status: 'PROCESSING' })).toBe(202);
    expect(tradingViewReplyStatus({ status: 'EXECUTED' })).toBe(200);
    expect(tradingViewReplyStatus({ status: 'FAILED' })).toBe(200);
    expect(tradingViewReplyStatus({ status: 'DUPLICATE' })).toBe(200);
    expect(tradingViewReplyStatus({ status: 'REJECTED', errorCode: 'AUTH_INVALID' })).toBe(401);
    expect(tradingViewReplyStatus({ status: 'REJECTED', errorCode: 'VALIDATION_ERROR' })).toBe(400);
  });
});
