import { z } from 'zod';
import { zId } from './id.ts';

/**
 * What raised an alert: a stop-loss that closed a position, a guard that paused the bot,
 * `ledger_inconsistent` (stored fills a bot could not replay), or its exchange feed failing
 * (`feed_unavailable`: the bot waits) and answering again (`feed_restored`), candles the
 * exchange does not have (`feed_gap`: reported, never invented), and an order the market's
 * minimums refused (`order_rejected`), and an account group halted past its max drawdown
 * (`group_max_drawdown`: no bot, `values.groupId` names the group).
 */
export const ALERT_KINDS = [
  'stop_loss',
  'max_daily_loss',
  'max_drawdown',
  'ledger_inconsistent',
  'feed_unavailable',
  'feed_restored',
  'feed_gap',
  'order_rejected',
  'group_max_drawdown',
] as const;
export const ZAlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof ZAlertKind>;

/** A risk alert of one of the caller's bots, as the runner raised it. */
export const ZAlert = z.object({
  /** The event's sequence number (the outbox id): increasing, unique. */
  id: z.string(),
  /** Null for an alert about something other than a bot (an account group). */
  botId: z.number().int().nullable(),
  kind: ZAlertKind,
  message: z.string(),
  /** The figures behind the alert (prices, limits, equity), by name. */
  values: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type Alert = z.infer<typeof ZAlert>;

/** The caller's alerts, newest first; one bot's when `botId` is given. */
export const ZAlertListInput = z
  .object({
    botId: zId('a bot id').optional(),
    kind: ZAlertKind.optional(),
    since: z.date().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .default({ limit: 100 });
export type AlertListInput = z.input<typeof ZAlertListInput>;

export const ZAlertList = z.object({ alerts: z.array(ZAlert) });
export type AlertList = z.infer<typeof ZAlertList>;
