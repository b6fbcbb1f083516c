import { z } from 'zod';
import { ZPlan, ZRole } from './identity.ts';

/** What an admin sees of a user: never password or 2FA material. */
export const ZAdminUser = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  firstName: z.string(),
  role: ZRole,
  plan: ZPlan,
  activeBotLimit: z.number().int(),
  twoFactorEnabled: z.boolean(),
  disabled: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof ZAdminUser>;

export const ZAdminUserListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    search: z.string().trim().max(100).optional(),
  })
  .strict()
  .default({ limit: 100 });
export type AdminUserListInput = z.input<typeof ZAdminUserListInput>;

/** Changes an admin may make to a user; at least one must be named. */
export const ZAdminUserUpdateInput = z
  .object({
    userId: z.uuid('must be a user id'),
    role: ZRole.optional(),
    plan: ZPlan.optional(),
    activeBotLimit: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .refine(
    (input) =>
      input.role !== undefined || input.plan !== undefined || input.activeBotLimit !== undefined,
    { message: 'name at least one of role, plan, activeBotLimit' },
  );
export type AdminUserUpdateInput = z.input<typeof ZAdminUserUpdateInput>;

export const ZAdminUserIdInput = z.object({ userId: z.uuid('must be a user id') }).strict();

export const ZAuditEntry = z.object({
  id: z.string(),
  actorUserId: z.uuid().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

/** Audit trail filters; entries come newest first. */
export const ZAuditListInput = z
  .object({
    limit: z.number().int().min(1).max(1000).default(100),
    actorUserId: z.uuid('must be a user id').optional(),
    /** An exact action name, e.g. `api_key.created`. */
    action: z.string().max(100).optional(),
    /** Only entries at or after this instant. */
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .default({ limit: 100 });
export type AuditListInput = z.input<typeof ZAuditListInput>;
