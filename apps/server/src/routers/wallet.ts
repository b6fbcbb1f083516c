import { ZWalletBalances } from '@tradewind/core';
import { walletBalances } from '../services/accounts/wallet.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/** Seed 003 wallet: balances across the caller's accounts, valued in their currency. */
export const walletRouter = router({
  balances: protectedProcedure
    .meta({ permission: 'accounts:read', rateLimit: 'control' })
    .output(ZWalletBalances)
    .query(({ ctx }) => walletBalances(ctx, ctx.principal)),
});
