import type { Database, Prisma } from '@tradewind/db';
import type { RequestMeta } from './request-meta.ts';

/** Security-relevant actions, named `<area>.<event>`. */
export type AuditAction =
  | 'auth.register'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.refresh_reuse'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'auth.two_factor_enabled'
  | 'auth.two_factor_disabled'
  | 'session.terminated'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'tradingview_token.rotated'
  | 'tradingview_token.revoked'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'admin.user_updated'
  | 'admin.user_disabled'
  | 'admin.user_enabled'
  | 'account.created'
  | 'account.credentials_updated'
  | 'account.deleted'
  | 'config.updated'
  | 'system.command'
  | 'system.mode_changed'
  | 'wallet.transfer_requested'
  | 'wallet.transfer_status_changed';

export type AuditRecord = {
  action: AuditAction;
  actorUserId?: string | null;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonObject;
};

type AuditWriter = Pick<Database['prisma'], 'auditEntry'>;

/** Appends one entry to the audit trail; pass a transaction client to write it atomically. */
export async function recordAudit(
  db: AuditWriter,
  meta: RequestMeta,
  record: AuditRecord,
): Promise<void> {
  await db.auditEntry.create({
    data: {
      action: record.action,
      actorUserId: record.actorUserId ?? null,
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent ?? null,
      ...(record.metadata && { metadata: record.metadata }),
    },
  });
}
