import { z } from 'zod';
import { ZApiKeyLevel, ZPermission } from './identity.ts';

export const ZApiKeyCreateInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    /** Permissions and/or seed 004 levels; must be within the creator's own permissions. */
    scopes: z
      .array(z.union([ZPermission, ZApiKeyLevel]))
      .min(1, 'must name at least one permission')
      .max(50)
      .default(['READ_ONLY']),
    rateLimitPerHour: z.number().int().min(1).max(100_000).default(1000),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type ApiKeyCreateInput = z.input<typeof ZApiKeyCreateInput>;

export const ZApiKeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first 8 characters of the key. */
  prefix: z.string().length(8),
  scopes: z.array(ZPermission),
  rateLimitPerHour: z.number().int(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  enabled: z.boolean(),
});
export type ApiKeySummary = z.infer<typeof ZApiKeySummary>;

/** Returned once, at creation: the only time the key and secret are ever shown. */
export const ZCreatedApiKey = ZApiKeySummary.extend({ key: z.string(), secret: z.string() });
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZApiKeyIdInput = z.object({ id: z.uuid('must be an API key id') }).strict();
