import { z } from 'zod';
import {
  ZEmail,
  ZPassword,
  ZPermission,
  ZRole,
  ZTotpCode,
  ZUsername,
  ZUserProfile,
} from './identity.ts';
import { zSafeString } from './safe-string.ts';

const ZName = zSafeString().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const ZRegisterInput = z
  .object({
    email: ZEmail,
    password: ZPassword,
    firstName: ZName,
    username: ZUsername.optional(),
    inviteCode: zSafeString().max(100).optional(),
  })
  .strict();
export type RegisterInput = z.input<typeof ZRegisterInput>;

/** Seed 001's `device_info`; the server fills in what the client leaves out. */
export const ZDeviceInfo = z
  .object({
    ipAddress: zSafeString().max(64).optional(),
    userAgent: zSafeString().max(512).optional(),
    deviceType: zSafeString().max(32).optional(),
  })
  .strict();

export const ZLoginInput = z
  .object({
    /** Email or username (seed 003 logs in by email, seed 001 by username). */
    login: zSafeString().trim().min(1, 'is required').max(254),
    password: ZPassword,
    totpCode: ZTotpCode.optional(),
    deviceInfo: ZDeviceInfo.optional(),
  })
  .strict();
export type LoginInput = z.input<typeof ZLoginInput>;

export const ZRefreshInput = z
  .object({ refreshToken: zSafeString().min(1, 'is required').max(512) })
  .strict();

/** Tokens for a new or refreshed session (seed 001's login response, camelCase). */
export const ZAuthTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  sessionId: z.uuid(),
  user: ZUserProfile,
});
export type AuthTokens = z.infer<typeof ZAuthTokens>;

export const ZPermissionsOutput = z.object({ role: ZRole, permissions: z.array(ZPermission) });

export const ZSessionSummary = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** True for the session this call was made with. */
  current: z.boolean(),
  deviceInfo: z.object({
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    deviceType: z.string().nullable(),
  }),
});
export type SessionSummary = z.infer<typeof ZSessionSummary>;

export const ZSessionIdInput = z.object({ sessionId: z.uuid('must be a session id') }).strict();

export const ZPasswordResetRequestInput = z.object({ email: ZEmail }).strict();
export const ZPasswordResetCompleteInput = z
  .object({
    token: z.string().min(1, 'is required').max(512),
    newPassword: ZPassword,
    /**
     * Also revoke every API key of the account. Keys are not tied to the password, so a reset
     * leaves them working unless asked; after a suspected compromise, ask.
     */
    revokeApiKeys: z.boolean().default(false),
  })
  .strict();

export const ZTwoFactorEnrollment = z.object({
  secret: z.string(),
  provisioningUri: z.string().startsWith('otpauth://'),
  /** The provisioning URI as a QR code, a `data:image/png;base64,` URL. */
  qrCode: z.string().startsWith('data:image/png;base64,'),
});
export const ZTwoFactorVerifyInput = z.object({ totpCode: ZTotpCode }).strict();
export const ZTwoFactorDisableInput = z
  .object({ password: ZPassword, totpCode: ZTotpCode })
  .strict();

/** The plain acknowledgement of an action that returns nothing else. */
export const ZAcknowledgement = z.object({ success: z.literal(true), message: z.string() });
export type Acknowledgement = z.infer<typeof ZAcknowledgement>;
