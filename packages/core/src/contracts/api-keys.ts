import { z } from 'zod';
import { ZApiKeyLevel, ZPermission } from './identity.ts';

/** A permission or a seed 004 level; one enum so a bad value lists the valid ones. */
const ZScope = z.enum([...ZApiKeyLevel.options, ...ZPermission.options]);

export const ZApiKeyCreateInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    /**
     * Permissions and/or seed 004 levels; must be within the creator's own permissions. Left
     * out: the owner's full enterprise access (`DEFAULT_API_KEY_PERMISSIONS`: reads, bots
     * control, webhooks), capped by what the creator holds.
     */
    scopes: z.array(ZScope).min(1, 'must name at least one permission').max(50).optional(),
    /** Calls per hour this key may make, on top of the per-class limits (seed 004: 1000). */
    rateLimitPerHour: z.number().int().min(1).max(100_000).default(1000),
    /** Days until the key stops working; no expiry when left out. */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type ApiKeyCreateInput = z.input<typeof ZApiKeyCreateInput>;

/** What a key's owner sees of it in lists: never the key, its hash or its secret. */
export const ZApiKeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first 8 characters of the key (`twk_` and four more), to recognise it. */
  prefix: z.string().length(8),
  /** The permissions the key was granted, levels expanded. */
  scopes: z.array(ZPermission),
  rateLimitPerHour: z.number().int(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Neither revoked nor expired: the key authenticates. */
  enabled: z.boolean(),
});
export type ApiKeySummary = z.infer<typeof ZApiKeySummary>;

/** Returned once, at creation: the only time the key and secret are ever shown. */
export const ZCreatedApiKey = ZApiKeySummary.extend({
  /** Send as `X-API-Key: twk_…` or `Authorization: Bearer twk_…`. */
  key: z.string().startsWith('twk_'),
  /** A signing secret (`tws_…`), stored encrypted; shown only now. */
  secret: z.string().startsWith('tws_'),
});
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZApiKeyIdInput = z.object({ id: z.uuid('must be an API key id') }).strict();
