import {
  ZAccount,
  ZAccountCreated,
  ZAccountCreateInput,
  ZAccountCredentialsInput,
  ZAccountIdInput,
  ZAccountList,
  ZAccountListInput,
  ZAccountPerformance,
  ZAccountPerformanceInput,
  ZAccountSuccess,
  ZAccountSyncResult,
  ZKeysTestInput,
  ZKeysTestResult,
} from '@tradewind/core';
import {
  createAccount,
  deleteAccount,
  updateCredentials,
} from '../services/accounts/account-commands.ts';
import {
  accountPerformance,
  getAccount,
  listAccounts,
} from '../services/accounts/account-queries.ts';
import { syncBalance } from '../services/accounts/account-sync.ts';
import { testKeys } from '../services/accounts/keys-test.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'accounts:read', rateLimit: 'read' });
const writeProcedure = protectedProcedure.meta({
  permission: 'accounts:write',
  rateLimit: 'control',
});

/**
 * Exchange and paper accounts (seed 001), the caller's own only. Everything that carries a
 * credential is a mutation, so keys travel in request bodies, never in URLs or logs.
 */
export const accountsRouter = router({
  create: writeProcedure
    .input(ZAccountCreateInput)
    .output(ZAccountCreated)
    .mutation(async ({ ctx, input }) => {
      const account = await createAccount(ctx, ctx.meta, ctx.principal, input);
      return {
        success: true as const,
        accountId: account.accountInfo.id,
        message: 'Account created successfully',
        account,
      };
    }),
  list: readProcedure
    .input(ZAccountListInput.default({ skip: 0, limit: 20 }))
    .output(ZAccountList)
    .query(({ ctx, input }) => listAccounts(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZAccountIdInput)
    .output(ZAccount)
    .query(({ ctx, input }) => getAccount(ctx, ctx.principal, input.id)),
  updateCredentials: writeProcedure
    .input(ZAccountCredentialsInput)
    .output(ZAccountSuccess)
    .mutation(async ({ ctx, input }) => {
      await updateCredentials(ctx, ctx.meta, ctx.principal, input);
      return { success: true as const };
    }),
  syncBalance: writeProcedure
    .input(ZAccountIdInput)
    .output(ZAccountSyncResult)
    .mutation(({ ctx, input }) => syncBalance(ctx, ctx.principal, input.id)),
  performance: readProcedure
    .input(ZAccountPerformanceInput)
    .output(ZAccountPerformance)
    .query(({ ctx, input }) => accountPerformance(ctx, ctx.principal, input)),
  delete: writeProcedure
    .input(ZAccountIdInput)
    .output(ZAccountSuccess)
    .mutation(async ({ ctx, input }) => {
      await deleteAccount(ctx, ctx.meta, ctx.principal, input.id);
      return { success: true as const };
    }),
  testKeys: writeProcedure
    .input(ZKeysTestInput)
    .output(ZKeysTestResult)
    .mutation(({ ctx, input }) => testKeys(ctx, ctx.principal, input)),
});
