import type { Permission } from '@tradewind/core';
import type { RateLimitClass } from '../rate-limit/rate-limit-classes.ts';

/** What a procedure declares about itself; read by the middlewares in `init.ts`. */
export type ProcedureMeta = {
  /** The permission a caller needs; every protected procedure must name one. */
  permission?: Permission;
  /** Which budget a call spends (default `read`). */
  rateLimit?: RateLimitClass;
  /**
   * `ignored` on procedures that need no identity (sign-in, sign-up, refresh, password
   * recovery): any credentials sent are not read, so a stale token cannot block signing in,
   * and every caller spends the budgets of its address, whatever key or token it sends.
   */
  identity?: 'ignored';
};
