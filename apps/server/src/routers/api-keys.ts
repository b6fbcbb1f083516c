import {
  ZApiKeyCreateInput,
  ZApiKeyIdInput,
  ZApiKeySummary,
  ZCreatedApiKey,
} from '@tradewind/core';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys/api-keys.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

// Keys may manage keys when they hold `apiKeys:manage` (seed 004's SUPER_ADMIN level does),
// always within their own scopes, hourly limit and expiry: see `createApiKey`.
const keysProcedure = protectedProcedure.meta({ permission: 'apiKeys:manage' });

/** API key management: the caller's own keys. */
export const apiKeysRouter = router({
  create: keysProcedure
    .meta({ rateLimit: 'apiKeyCreation' })
    .input(ZApiKeyCreateInput)
    .output(ZCreatedApiKey)
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.meta, ctx.principal, input)),

  list: keysProcedure
    .output(z.array(ZApiKeySummary))
    .query(({ ctx }) => listApiKeys(ctx, ctx.principal.userId)),

  revoke: keysProcedure
    .meta({ rateLimit: 'control' })
    .input(ZApiKeyIdInput)
    .output(ZApiKeySummary)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.meta, ctx.principal, input.id)),
});
