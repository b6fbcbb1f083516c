import { z } from 'zod';
import { ZAccountId } from './accounts.ts';
import { zSafeString } from './safe-string.ts';

/**
 * Account groups (seed 001 Groups API), camelCase as tRPC speaks: `max_drawdown` ->
 * `maxDrawdown`. Limits are percents (25 = 25 %). A group is its owner's only: someone else's
 * group answers NOT_FOUND, as a missing one does.
 */

export const ZGroupId = z.uuid('must be a group id');

const ZPercentLimit = z
  .number()
  .positive('must be greater than 0')
  .max(100, 'must be at most 100 (a percent)');

const ZGroupName = zSafeString()
  .trim()
  .min(1, 'is empty')
  .max(100, 'must be at most 100 characters');
const ZGroupDescription = zSafeString().trim().max(1000, 'must be at most 1000 characters');
const ZAccountIds = z.array(ZAccountId).max(100, 'at most 100 accounts');

export const ZGroupCreateInput = z
  .object({
    name: ZGroupName,
    description: ZGroupDescription.default(''),
    accounts: ZAccountIds.default([]),
    /** Percent below the group's peak equity at which it stops opening positions. */
    maxDrawdown: ZPercentLimit.nullable().optional(),
    targetMonthlyRoi: z.number().min(-100).max(1000).nullable().optional(),
    /** Largest `riskPercentage` one execution may put on an account. */
    riskLimit: ZPercentLimit.nullable().optional(),
  })
  .strict();
export type GroupCreateInput = z.input<typeof ZGroupCreateInput>;

/** Seed 001's PATCH; `accounts`, when given, replaces the membership; `resume` clears a halt. */
export const ZGroupUpdateInput = z
  .object({
    id: ZGroupId,
    name: ZGroupName.optional(),
    description: ZGroupDescription.optional(),
    accounts: ZAccountIds.optional(),
    maxDrawdown: ZPercentLimit.nullable().optional(),
    targetMonthlyRoi: z.number().min(-100).max(1000).nullable().optional(),
    riskLimit: ZPercentLimit.nullable().optional(),
    resume: z.boolean().optional(),
  })
  .strict();
export type GroupUpdateInput = z.input<typeof ZGroupUpdateInput>;

export const ZGroupIdInput = z.object({ id: ZGroupId }).strict();

export const ZGroupListInput = z
  .object({
    offset: z.number().int().min(0, 'must be 0 or more').max(1_000_000).default(0),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(50),
  })
  .strict();
export type GroupListInput = z.input<typeof ZGroupListInput>;

export const ZGroupAccountsInput = z
  .object({ id: ZGroupId, accountIds: ZAccountIds.min(1, 'give at least one account') })
  .strict();
export const ZGroupAccountInput = z.object({ id: ZGroupId, accountId: ZAccountId }).strict();

const ZDay = z.iso.date('must be a date (YYYY-MM-DD)');

const endNotBeforeStart = (input: {
  startDate?: string | undefined;
  endDate?: string | undefined;
}) => !input.startDate || !input.endDate || input.startDate <= input.endDate;

export const ZGroupRangeInput = z
  .object({ id: ZGroupId, startDate: ZDay.optional(), endDate: ZDay.optional() })
  .strict()
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'must not be before startDate' });
export type GroupRangeInput = z.input<typeof ZGroupRangeInput>;

export const GROUP_HISTORY_INTERVALS = ['day', 'week', 'month'] as const;

export const ZGroupHistoryInput = z
  .object({
    id: ZGroupId,
    startDate: ZDay.optional(),
    endDate: ZDay.optional(),
    interval: z.enum(GROUP_HISTORY_INTERVALS).default('day'),
  })
  .strict()
  .refine(endNotBeforeStart, { path: ['endDate'], message: 'must not be before startDate' });
export type GroupHistoryInput = z.input<typeof ZGroupHistoryInput>;

/** A group as listed: its accounts by id. */
export const ZGroupSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  accounts: z.array(z.uuid()),
  maxDrawdown: z.number().nullable(),
  targetMonthlyRoi: z.number().nullable(),
  riskLimit: z.number().nullable(),
  /** Set while the group is halted past its max drawdown. */
  haltedAt: z.iso.datetime().nullable(),
  haltReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type GroupSummary = z.infer<typeof ZGroupSummary>;

export const ZGroupList = z.object({
  groups: z.array(ZGroupSummary),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

/** How one account of the group connects: its keys' last verdict and its last balance sync. */
export const ZAccountConnection = z.object({
  accountId: z.uuid(),
  exchange: z.string(),
  /** `connected`: keys valid (or paper); `invalid_keys`; `unchecked`: never checked. */
  status: z.enum(['connected', 'invalid_keys', 'unchecked']),
  lastSyncAt: z.iso.datetime().nullable(),
});

/** Equity figures of the group from its accounts' balance syncs, in the owner's currency. */
export const ZGroupPerformance = z.object({
  currency: z.string().nullable(),
  startEquity: z.number().nullable(),
  endEquity: z.number().nullable(),
  pnl: z.number().nullable(),
  pnlPercent: z.number().nullable(),
  /** Largest fall from a peak of the summed equity, percent of the peak. */
  maxDrawdownPercent: z.number().nullable(),
  /** Realized PnL and count of positions Tradewind closed on the group's accounts. */
  closedPositions: z.number().int(),
  realizedPnl: z.number(),
  period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
});
export type GroupPerformance = z.infer<typeof ZGroupPerformance>;

/** Seed 001's group detail: performance and connection status of every account. */
export const ZGroupDetail = ZGroupSummary.extend({
  performance: ZGroupPerformance,
  websocketStatus: z.object({ accounts: z.array(ZAccountConnection) }),
});
export type GroupDetail = z.infer<typeof ZGroupDetail>;

export const ZGroupMetrics = z.object({
  riskMetrics: z.object({
    equity: z.number().nullable(),
    peakEquity: z.number().nullable(),
    /** Percent below the peak now. */
    drawdownPercent: z.number().nullable(),
    maxDrawdown: z.number().nullable(),
    riskLimit: z.number().nullable(),
    halted: z.boolean(),
    openPositions: z.number().int(),
  }),
  websocketHealth: z.object({
    connected: z.number().int(),
    total: z.number().int(),
    accounts: z.array(ZAccountConnection),
  }),
  balanceStatus: z.object({
    currency: z.string().nullable(),
    totalBalance: z.number(),
    totalEquity: z.number(),
    accounts: z.array(
      z.object({
        accountId: z.uuid(),
        balance: z.number().nullable(),
        equity: z.number().nullable(),
        lastSyncAt: z.iso.datetime().nullable(),
      }),
    ),
  }),
});
export type GroupMetrics = z.infer<typeof ZGroupMetrics>;

export const ZGroupHistory = z.object({
  history: z.array(
    z.object({
      /** Start of the day, ISO week (Monday) or month, UTC. */
      period: z.iso.date(),
      startEquity: z.number(),
      endEquity: z.number(),
      pnl: z.number(),
      pnlPercent: z.number().nullable(),
    }),
  ),
  interval: z.enum(GROUP_HISTORY_INTERVALS),
  period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
});
export type GroupHistory = z.infer<typeof ZGroupHistory>;

/** Bulk add: which accounts joined and why the others did not. */
export const ZGroupBulkResult = z.object({
  results: z.object({
    success: z.array(z.uuid()),
    failed: z.array(z.object({ accountId: z.string(), reason: z.string() })),
  }),
  group: ZGroupSummary,
});

export const ZGroupDeleted = z.object({ groupId: z.uuid() });
