import {
  ZAcknowledgement,
  ZAuthTokens,
  ZLoginInput,
  ZPasswordResetCompleteInput,
  ZPasswordResetRequestInput,
  ZPermissionsOutput,
  ZRefreshInput,
  ZRegisterInput,
  ZSessionIdInput,
  ZSessionSummary,
  ZTwoFactorDisableInput,
  ZTwoFactorEnrollment,
  ZTwoFactorVerifyInput,
  ZUserProfile,
} from '@tradewind/core';
import { z } from 'zod';
import { login } from '../services/auth/login.ts';
import { completePasswordReset, requestPasswordReset } from '../services/auth/password-reset.ts';
import { getProfile, requireSession } from '../services/auth/profile.ts';
import { refresh } from '../services/auth/refresh.ts';
import { register } from '../services/auth/register.ts';
import { listSessions, terminateSession } from '../services/auth/sessions.ts';
import { disableTwoFactor, enrollTwoFactor, verifyTwoFactor } from '../services/auth/two-factor.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc/init.ts';

// Signing in and recovering an account need no identity: whatever credentials come with them
// are ignored, and every caller spends the tight credential budget of its IP address (on top
// of the per-account lockout in `login`).
const credentialProcedure = publicProcedure.meta({
  rateLimit: 'credentialAttempt',
  identity: 'ignored',
});
// Everything about one's own account needs only to be signed in.
const accountProcedure = protectedProcedure.meta({ permission: 'system:read' });
// Sessions (their addresses and user agents, ending them): people, and keys granted
// `sessions:manage` by name; no API key level implies it.
const sessionsProcedure = protectedProcedure.meta({ permission: 'sessions:manage' });

export const authRouter = router({
  register: credentialProcedure
    .input(ZRegisterInput)
    .output(ZAuthTokens)
    .mutation(({ ctx, input }) => register(ctx, ctx.meta, input)),

  login: credentialProcedure
    .input(ZLoginInput)
    .output(ZAuthTokens)
    .mutation(({ ctx, input }) => login(ctx, ctx.meta, input)),

  refresh: credentialProcedure
    .input(ZRefreshInput)
    .output(ZAuthTokens)
    .mutation(({ ctx, input }) => refresh(ctx, ctx.meta, input.refreshToken)),

  logout: accountProcedure
    .output(ZAcknowledgement)
    .mutation(({ ctx }) =>
      terminateSession(
        ctx,
        ctx.meta,
        ctx.principal.userId,
        requireSession(ctx.principal).sessionId,
        'logout',
      ),
    ),

  me: accountProcedure.output(ZUserProfile).query(({ ctx }) => getProfile(ctx, ctx.principal)),

  permissions: accountProcedure.output(ZPermissionsOutput).query(({ ctx }) => ({
    role: ctx.principal.role,
    permissions: [...ctx.principal.permissions],
  })),

  sessions: router({
    list: sessionsProcedure
      .output(z.array(ZSessionSummary))
      .query(({ ctx }) =>
        listSessions(
          ctx,
          ctx.principal.userId,
          ctx.principal.kind === 'user' ? ctx.principal.sessionId : undefined,
        ),
      ),
    terminate: sessionsProcedure
      .meta({ rateLimit: 'control' })
      .input(ZSessionIdInput)
      .output(ZAcknowledgement)
      .mutation(({ ctx, input }) =>
        terminateSession(ctx, ctx.meta, ctx.principal.userId, input.sessionId),
      ),
  }),

  passwordReset: router({
    request: credentialProcedure
      .input(ZPasswordResetRequestInput)
      .output(ZAcknowledgement)
      .mutation(({ ctx, input }) => requestPasswordReset(ctx, ctx.meta, input.email)),
    complete: credentialProcedure
      .input(ZPasswordResetCompleteInput)
      .output(ZAcknowledgement)
      .mutation(({ ctx, input }) => completePasswordReset(ctx, ctx.meta, input)),
  }),

  twoFactor: router({
    enroll: accountProcedure
      .meta({ rateLimit: 'control' })
      .output(ZTwoFactorEnrollment)
      .mutation(({ ctx }) => enrollTwoFactor(ctx, requireSession(ctx.principal).userId)),
    verify: accountProcedure
      .meta({ rateLimit: 'control' })
      .input(ZTwoFactorVerifyInput)
      .output(ZAcknowledgement)
      .mutation(({ ctx, input }) =>
        verifyTwoFactor(ctx, ctx.meta, requireSession(ctx.principal).userId, input.totpCode),
      ),
    disable: accountProcedure
      .meta({ rateLimit: 'control' })
      .input(ZTwoFactorDisableInput)
      .output(ZAcknowledgement)
      .mutation(({ ctx, input }) =>
        disableTwoFactor(ctx, ctx.meta, requireSession(ctx.principal).userId, input),
      ),
  }),
});
