import {
  ZGroupAccountInput,
  ZGroupAccountsInput,
  ZGroupBulkResult,
  ZGroupCreateInput,
  ZGroupDeleted,
  ZGroupDetail,
  ZGroupHistory,
  ZGroupHistoryInput,
  ZGroupIdInput,
  ZGroupList,
  ZGroupListInput,
  ZGroupMetrics,
  ZGroupPerformance,
  ZGroupRangeInput,
  ZGroupSummary,
  ZGroupUpdateInput,
} from '@tradewind/core';
import {
  addGroupAccount,
  addGroupAccounts,
  createGroup,
  deleteGroup,
  removeGroupAccount,
  updateGroup,
} from '../services/groups/group-commands.ts';
import {
  getGroup,
  groupHistory,
  groupMetrics,
  groupPerformance,
  listGroups,
} from '../services/groups/group-queries.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'accounts:read', rateLimit: 'read' });
const writeProcedure = protectedProcedure.meta({
  permission: 'accounts:write',
  rateLimit: 'control',
});

/** Account groups (seed 001 Groups API), the caller's own only. */
export const groupsRouter = router({
  create: writeProcedure
    .input(ZGroupCreateInput)
    .output(ZGroupSummary)
    .mutation(({ ctx, input }) => createGroup(ctx, ctx.principal, input)),
  list: readProcedure
    .input(ZGroupListInput.default({ offset: 0, limit: 50 }))
    .output(ZGroupList)
    .query(({ ctx, input }) => listGroups(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZGroupIdInput)
    .output(ZGroupDetail)
    .query(({ ctx, input }) => getGroup(ctx, ctx.principal, input.id)),
  update: writeProcedure
    .input(ZGroupUpdateInput)
    .output(ZGroupSummary)
    .mutation(({ ctx, input }) => updateGroup(ctx, ctx.principal, input)),
  delete: writeProcedure
    .input(ZGroupIdInput)
    .output(ZGroupDeleted)
    .mutation(({ ctx, input }) => deleteGroup(ctx, ctx.principal, input.id)),
  addAccounts: writeProcedure
    .input(ZGroupAccountsInput)
    .output(ZGroupBulkResult)
    .mutation(({ ctx, input }) => addGroupAccounts(ctx, ctx.principal, input)),
  addAccount: writeProcedure
    .input(ZGroupAccountInput)
    .output(ZGroupSummary)
    .mutation(({ ctx, input }) => addGroupAccount(ctx, ctx.principal, input)),
  removeAccount: writeProcedure
    .input(ZGroupAccountInput)
    .output(ZGroupSummary)
    .mutation(({ ctx, input }) => removeGroupAccount(ctx, ctx.principal, input)),
  performance: readProcedure
    .input(ZGroupRangeInput)
    .output(ZGroupPerformance)
    .query(({ ctx, input }) => groupPerformance(ctx, ctx.principal, input)),
  metrics: readProcedure
    .input(ZGroupIdInput)
    .output(ZGroupMetrics)
    .query(({ ctx, input }) => groupMetrics(ctx, ctx.principal, input.id)),
  history: readProcedure
    .input(ZGroupHistoryInput)
    .output(ZGroupHistory)
    .query(({ ctx, input }) => groupHistory(ctx, ctx.principal, input)),
});
