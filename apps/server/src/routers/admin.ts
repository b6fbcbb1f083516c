import {
  ZAdminUser,
  ZAdminUserIdInput,
  ZAdminUserListInput,
  ZAdminUserUpdateInput,
  ZAuditEntry,
  ZAuditListInput,
} from '@tradewind/core';
import { z } from 'zod';
import { disableUser, enableUser, listUsers, updateUser } from '../services/admin/admin-users.ts';
import { listAuditEntries } from '../services/audit/audit-log.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const usersProcedure = protectedProcedure.meta({ permission: 'users:manage', rateLimit: 'admin' });
const auditProcedure = protectedProcedure.meta({ permission: 'audit:read', rateLimit: 'admin' });

/** User administration and the audit trail, for admins. */
export const adminRouter = router({
  users: router({
    // The output schema is the firewall: only ZAdminUser's fields ever leave, never hashes.
    list: usersProcedure
      .input(ZAdminUserListInput)
      .output(z.array(ZAdminUser))
      .query(({ ctx, input }) => listUsers(ctx, input)),
    update: usersProcedure
      .input(ZAdminUserUpdateInput)
      .output(ZAdminUser)
      .mutation(({ ctx, input }) => updateUser(ctx, ctx.meta, ctx.principal, input)),
    disable: usersProcedure
      .input(ZAdminUserIdInput)
      .output(ZAdminUser)
      .mutation(({ ctx, input }) => disableUser(ctx, ctx.meta, ctx.principal, input.userId)),
    enable: usersProcedure
      .input(ZAdminUserIdInput)
      .output(ZAdminUser)
      .mutation(({ ctx, input }) => enableUser(ctx, ctx.meta, ctx.principal, input.userId)),
  }),

  audit: router({
    list: auditProcedure
      .input(ZAuditListInput)
      .output(z.array(ZAuditEntry))
      .query(({ ctx, input }) => listAuditEntries(ctx, input)),
  }),
});
