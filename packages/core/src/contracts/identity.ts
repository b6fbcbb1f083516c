import { z } from 'zod';
import { API_KEY_LEVELS, PERMISSIONS, ROLES } from '../auth/permissions.ts';
import { zSafeString } from './safe-string.ts';

export const ZPermission = z.enum(PERMISSIONS);
export const ZRole = z.enum(ROLES);
export const ZApiKeyLevel = z.enum(API_KEY_LEVELS);
export const ZPlan = z.enum(['free', 'pro', 'enterprise']);
export type Plan = z.infer<typeof ZPlan>;
export const ZSystemMode = z.enum(['testing', 'live_trading', 'autopilot']);

/** Emails are compared case-insensitively, so they are kept lower-cased. */
export const ZEmail = zSafeString()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'))
  .transform((email) => email.toLowerCase());

/** Passwords are checked against the policy by the service, which knows the email too. */
export const ZPassword = zSafeString().min(1, 'is required').max(1024, 'is too long');

export const ZUsername = zSafeString()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-zA-Z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

export const ZTotpCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');

/** What a user sees of themselves (`auth.me`). */
export const ZUserProfile = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  firstName: z.string(),
  role: ZRole,
  plan: ZPlan,
  currency: z.string(),
  systemMode: ZSystemMode,
  twoFactorEnabled: z.boolean(),
  activeBotLimit: z.number().int(),
  permissions: z.array(ZPermission),
  createdAt: z.iso.datetime(),
});
export type UserProfile = z.infer<typeof ZUserProfile>;
