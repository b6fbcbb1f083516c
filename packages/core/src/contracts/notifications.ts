import { z } from 'zod';
import { NOTIFICATION_CHANNEL_KINDS, OPERATOR_ALERT_SEVERITIES } from './enum-values.ts';
import { zId } from './id.ts';

/**
 * Notification channels (issue 18 item 5): where a user's operator alerts (operator-alerts.ts)
 * are sent, each from a severity up. Telegram goes through the user's own bot (its token is
 * stored encrypted and never shown again) to one chat; email through the server's mailer.
 */
export const ZNotificationChannelKind = z.enum(NOTIFICATION_CHANNEL_KINDS);

const ZMinSeverity = z.enum(OPERATOR_ALERT_SEVERITIES).default('medium');

export const ZNotificationChannelCreateInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('telegram'),
      /** The bot's token from BotFather: `<bot id>:<secret>`. */
      botToken: z
        .string()
        .regex(
          /^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$/,
          'must be a Telegram bot token (123456:ABC...)',
        ),
      /** The chat the bot writes to (a user, group or channel id). */
      chatId: z.string().regex(/^-?[0-9]{1,20}$/, 'must be a Telegram chat id (digits)'),
      minSeverity: ZMinSeverity,
    })
    .strict(),
  z
    .object({
      kind: z.literal('email'),
      email: z.email('must be an email address').max(254),
      minSeverity: ZMinSeverity,
    })
    .strict(),
]);
export type NotificationChannelCreateInput = z.input<typeof ZNotificationChannelCreateInput>;

/** A channel as its owner sees it: never the bot token. */
export const ZNotificationChannel = z.object({
  id: z.number().int(),
  kind: ZNotificationChannelKind,
  /** The chat id, or the email address. */
  target: z.string(),
  minSeverity: z.enum(OPERATOR_ALERT_SEVERITIES),
  /** Alerts sent to it so far, and given up on (after every retry failed). */
  sent: z.number().int(),
  failed: z.number().int(),
  createdAt: z.date(),
});
export type NotificationChannel = z.infer<typeof ZNotificationChannel>;

export const ZNotificationChannelIdInput = z.object({ channelId: zId('a channel id') }).strict();
