import { DomainError, ERROR_CODE_TABLE, ERROR_CODES } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError, toErrorResponse } from './error-response.ts';

/** What tRPC's createCaller throws: a TRPCError whose cause is the original error. */
function trpcError(code: string, message: string, cause?: unknown) {
  const error = new Error(message, { cause }) as Error & { code: string };
  error.name = 'TRPCError';
  error.code = code;
  return error;
}

describe('toErrorResponse', () => {
  it('maps every domain code through the one table, directly or as a tRPC cause', () => {
    for (const code of ERROR_CODES) {
      const domain = new DomainError(code, `failed with ${code}`);
      const status = ERROR_CODE_TABLE[code].httpStatus;
      expect(toErrorResponse(domain, 'req-1').status, code).toBe(status);
      const wrapped = toErrorResponse(
        trpcError(ERROR_CODE_TABLE[code].transport, 'x', domain),
        'r',
      );
      expect(wrapped.status, code).toBe(status);
    }
  });

  it("puts the domain's details (the seed's activeBotId) beside the envelope, which they cannot overwrite", () => {
    const error = new DomainError('CONFLICT', 'User already has an active trading session', {
      activeBotId: 3,
      success: true,
      request_id: 'forged',
    });
    expect(toErrorResponse(error, 'req-9')).toStrictEqual({
      status: 409,
      body: {
        activeBotId: 3,
        success: false,
        error: 'User already has an active trading session',
        request_id: 'req-9',
      },
    });
  });

  it('names the location and each field of invalid input', () => {
    const parsed = z.object({ initialCash: z.number(), symbols: z.array(z.string()) }).safeParse({
      initialCash: 'lots',
    });
    if (parsed.success) throw new Error('expected a validation failure');
    const response = toErrorResponse(new InputValidationError('body', parsed.error.issues), 'r');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe(
      'Invalid body: initialCash: Invalid input: expected number, received string; symbols: Invalid input: expected array, received undefined',
    );
    // The same from a procedure's own `.input()` (a tRPC BAD_REQUEST caused by a ZodError).
    const fromProcedure = toErrorResponse(trpcError('BAD_REQUEST', 'x', parsed.error), 'r');
    expect(fromProcedure.status).toBe(400);
    expect(fromProcedure.body.error).toMatch(/^Invalid input: initialCash: /);
  });

  it("turns Fastify's body errors into 4xx with messages that help", () => {
    const fastify = (code: string, statusCode: number, message: string) =>
      Object.assign(new Error(message), { code, statusCode });
    expect(
      toErrorResponse(fastify('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'too large'), 'r'),
    ).toMatchObject({
      status: 413,
      body: { error: 'Request body is too large' },
    });
    expect(
      toErrorResponse(fastify('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported'), 'r').status,
    ).toBe(415);
    const badJson = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      statusCode: 400,
    });
    expect(toErrorResponse(badJson, 'r')).toMatchObject({
      status: 400,
      body: { error: 'Malformed JSON body: Unexpected end of JSON input' },
    });
  });

  it('hides anything unexpected behind a generic 500', () => {
    for (const error of [
      new Error('database password is hunter2'),
      trpcError('INTERNAL_SERVER_ERROR', 'stack details'),
      'a thrown string',
    ]) {
      expect(toErrorResponse(error, 'req-5')).toStrictEqual({
        status: 500,
        body: { success: false, error: 'Internal error', request_id: 'req-5' },
      });
    }
  });
});
