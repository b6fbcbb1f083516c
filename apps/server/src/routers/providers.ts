import { ZProviderList } from '@tradewind/core';
import { listProviders } from '../services/accounts/platforms.ts';
import { publicProcedure, router } from '../trpc/init.ts';

/** Seed 003 providers: what accounts can be opened on and which fields each needs. Public. */
export const providersRouter = router({
  list: publicProcedure
    .meta({ rateLimit: 'read' })
    .output(ZProviderList)
    .query(({ ctx }) => ({ success: true as const, providers: listProviders(ctx) })),
});
