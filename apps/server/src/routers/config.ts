import {
  ZConfigGetInput,
  ZConfigUpdateInput,
  ZConfigUpdateResult,
  ZConfigView,
} from '@tradewind/core';
import { getConfig } from '../services/settings/get-config.ts';
import { updateConfig } from '../services/settings/update-config.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/**
 * Runtime configuration (seed 004's `/config`): the system level for admins (`config:write`)
 * and each user's own trading defaults (`bots:control`, since they shape the user's bots).
 */
export const configRouter = router({
  get: protectedProcedure
    .meta({ permission: 'config:read', rateLimit: 'read' })
    .input(ZConfigGetInput)
    .output(ZConfigView)
    .query(({ ctx, input }) => getConfig(ctx, ctx.principal, input.level)),

  update: protectedProcedure
    .meta({ permission: 'config:write', rateLimit: 'admin' })
    .input(ZConfigUpdateInput)
    .output(ZConfigUpdateResult)
    .mutation(({ ctx, input }) => updateConfig(ctx, ctx.meta, ctx.principal, 'system', input)),

  updateDefaults: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'control' })
    .input(ZConfigUpdateInput)
    .output(ZConfigUpdateResult)
    .mutation(({ ctx, input }) => updateConfig(ctx, ctx.meta, ctx.principal, 'user', input)),
});
