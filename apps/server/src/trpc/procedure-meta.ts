import type { Permission } from '@tradewind/core';
import type { RateLimitClass } from '../rate-limit/rate-limit-classes.ts';

/** What a procedure declares about itself; read by the middlewares in `init.ts`. */
export type ProcedureMeta = {
  /** The permission a caller needs; every protected procedure must name one. */
  permission?: Permission;
  /** Which budget a call spends (default `read`); `unlimited` for operational probes. */
  rateLimit?: RateLimitClass | 'unlimited';
};
