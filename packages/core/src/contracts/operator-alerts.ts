import { z } from 'zod';
import { OPERATOR_ALERT_KINDS, OPERATOR_ALERT_SEVERITIES } from './enum-values.ts';
import { zId } from './id.ts';

/**
 * Operator alerts with a lifecycle (seed 004's `GET /alerts?active_only`): a rule raises one
 * for a condition, it stays active until its rule sees the condition end or someone resolves it,
 * and it can be acknowledged meanwhile. The rules (`apps/server/src/services/alerts`):
 * a bot put in ERROR (`bot_error`), a risk guard that paused a bot (`max_drawdown`,
 * `max_daily_loss`; resolved when the bot resumes or stops), a bot's feed unreachable
 * (`feed_unavailable`; resolved when it answers again or the bot stops), a ledger that could
 * not be replayed (`ledger_inconsistent`), and a webhook subscription whose last delivery
 * attempt failed (`webhook_failing`; resolved by its next success).
 */
export const ZOperatorAlertKind = z.enum(OPERATOR_ALERT_KINDS);
export type OperatorAlertKind = z.infer<typeof ZOperatorAlertKind>;

/** Seed 004's `type`. */
export const ZOperatorAlertType = z.enum(['info', 'warning', 'error']);

export const ZOperatorAlertSeverity = z.enum(OPERATOR_ALERT_SEVERITIES);
export type OperatorAlertSeverity = z.infer<typeof ZOperatorAlertSeverity>;

/** One alert: seed 004's fields plus its bot, its figures and who acknowledged or resolved it. */
export const ZOperatorAlert = z.object({
  id: z.number().int(),
  type: ZOperatorAlertType,
  kind: ZOperatorAlertKind,
  title: z.string(),
  message: z.string(),
  severity: ZOperatorAlertSeverity,
  active: z.boolean(),
  botId: z.number().int().nullable(),
  /** The figures behind it (limits, equity, the failing URL's status), by name. */
  values: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  /** `rule` when its condition ended, `user` when someone resolved it; null while active. */
  resolvedBy: z.enum(['rule', 'user']).nullable(),
});
export type OperatorAlert = z.infer<typeof ZOperatorAlert>;

/** `alerts.system`: the caller's alerts, newest first, filtered; active ones only by default. */
export const ZOperatorAlertListInput = z
  .object({
    /** Seed 004's `active_only` (default true). */
    activeOnly: z.boolean().default(true),
    severity: ZOperatorAlertSeverity.optional(),
    kind: ZOperatorAlertKind.optional(),
    botId: zId('a bot id').optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .default({ activeOnly: true, limit: 100 });
export type OperatorAlertListInput = z.input<typeof ZOperatorAlertListInput>;

/** Seed 004's answer: the alerts, and counts over the filters (`activeOnly` aside). */
export const ZOperatorAlertList = z.object({
  alerts: z.array(ZOperatorAlert),
  totalAlerts: z.number().int(),
  activeAlerts: z.number().int(),
});
export type OperatorAlertList = z.infer<typeof ZOperatorAlertList>;

export const ZOperatorAlertIdInput = z.object({ alertId: zId('an alert id') }).strict();
export type OperatorAlertIdInput = z.input<typeof ZOperatorAlertIdInput>;
