import { ZPlatformList, ZPlatformsHealth } from '@tradewind/core';
import { listPlatforms, platformsHealth } from '../services/accounts/platforms.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'accounts:read', rateLimit: 'read' });

/** Seed 003 platforms and their health as seen with the caller's keys. */
export const platformsRouter = router({
  list: readProcedure.output(ZPlatformList).query(async ({ ctx }) => {
    const platforms = await listPlatforms(ctx, ctx.principal);
    return {
      platforms,
      totalCount: platforms.length,
      default: 'all' as const,
      timestamp: ctx.now().toISOString(),
    };
  }),
  // Real calls to every exchange the caller has keys on: budgeted like a control action.
  health: protectedProcedure
    .meta({ permission: 'accounts:read', rateLimit: 'control' })
    .output(ZPlatformsHealth)
    .query(async ({ ctx }) => ({
      success: true as const,
      platforms: await platformsHealth(ctx, ctx.principal),
    })),
});
