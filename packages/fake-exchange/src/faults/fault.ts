import { z } from 'zod';

/** Which requests a fault applies to, and how many times (until cleared when `times` is absent). */
const ZFaultTarget = z.object({
  method: z.enum(['GET', 'POST', 'DELETE']).optional(),
  /** Exact path, e.g. `/api/v3/order`; every Binance path when absent. */
  path: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path such as /api/v3/order')
    .optional(),
  times: z.number().int().positive().optional(),
});

/**
 * A fault to inject: `latency` delays the answer; `timeout` never answers (the client's timeout
 * fires); `status` answers a bare HTTP status (a 5xx from a gateway); `error` answers a Binance
 * error such as an order rejection; `lostResponse` does the work (an order is accepted) and then
 * drops the connection without answering; `partialFill` makes new orders fill only a fraction.
 */
export const ZFault = z.discriminatedUnion('kind', [
  ZFaultTarget.extend({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  ZFaultTarget.extend({ kind: z.literal('timeout') }),
  ZFaultTarget.extend({
    kind: z.literal('status'),
    status: z.number().int().min(500).max(599),
    body: z.string().max(10_000).optional(),
  }),
  ZFaultTarget.extend({
    kind: z.literal('error'),
    status: z.number().int().min(400).max(599).default(400),
    code: z.number().int(),
    msg: z.string().min(1).max(1_000),
  }),
  ZFaultTarget.extend({ kind: z.literal('lostResponse') }),
  ZFaultTarget.extend({
    kind: z.literal('partialFill'),
    /** Share of the quantity filled, in (0, 1). */
    fraction: z.number().gt(0).lt(1),
  }),
]);
export type Fault = z.infer<typeof ZFault>;
export type FaultInput = z.input<typeof ZFault>;
