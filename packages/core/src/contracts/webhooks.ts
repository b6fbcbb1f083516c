import { z } from 'zod';
import { ZBotMode, ZBotStatus, ZMarketFeed } from './bots.ts';
import { ZEnterpriseTrade } from './enterprise.ts';
import { zId } from './id.ts';

/** The events a subscription can receive (seed 000). */
export const WEBHOOK_EVENT_TYPES = [
  'bot.started',
  'bot.finished',
  'bot.error',
  'trade.executed',
] as const;
export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof ZWebhookEventType>;

const ZWebhookId = zId('a webhook id');

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (url) => /^https?:\/\//i.test(url) && URL.canParse(url),
    'must be an absolute http:// or https:// URL',
  );

const ZWebhookEvents = z
  .array(ZWebhookEventType)
  .min(1, 'must name at least one event')
  .refine((events) => new Set(events).size === events.length, 'must not repeat an event');

/** A signing secret; stored encrypted, never shown again. */
const ZWebhookSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(256, 'must be at most 256 characters');

/** Create: the seed 000 dashboard's fields, as the REST route takes them too. */
export const ZWebhookCreateInput = z
  .object({
    url: ZWebhookUrl,
    events: ZWebhookEvents,
    secret: ZWebhookSecret.optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type WebhookCreateInput = z.input<typeof ZWebhookCreateInput>;

/**
 * Edit: only the fields given change. A new `secret` replaces the old one, which keeps signing
 * (as a second `webhook-signature`) for the rotation window; `secret: null` removes signing.
 */
export const ZWebhookUpdateInput = z
  .object({
    id: ZWebhookId,
    url: ZWebhookUrl.optional(),
    events: ZWebhookEvents.optional(),
    secret: ZWebhookSecret.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type WebhookUpdateInput = z.input<typeof ZWebhookUpdateInput>;

export const ZWebhookIdInput = z.object({ id: ZWebhookId }).strict();

export const ZWebhookToggleInput = z.object({ id: ZWebhookId, active: z.boolean() }).strict();

/** What the owner sees of a subscription: never the secret. */
export const ZWebhookSubscription = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(ZWebhookEventType),
  active: z.boolean(),
  /** Deliveries are signed. */
  hasSecret: z.boolean(),
  /** Until when the replaced secret still signs too; null when no rotation is under way. */
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookSubscription = z.infer<typeof ZWebhookSubscription>;

export const ZWebhookDeliveryStatus = z.enum(['PENDING', 'SUCCEEDED', 'FAILED']);

/** One event for one subscription, across all its attempts. */
export const ZWebhookDelivery = z.object({
  /** The `webhook-id` header: the same on every attempt, so receivers can deduplicate. */
  id: z.uuid(),
  subscriptionId: z.number().int(),
  eventType: ZWebhookEventType,
  /** A "send test event" delivery, not a bot's. */
  test: z.boolean(),
  status: ZWebhookDeliveryStatus,
  attempts: z.number().int(),
  /** When the next attempt is due; null once it succeeded or failed for good. */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof ZWebhookDelivery>;

/** One attempt: a row of seed 000's `webhook_events` log. */
export const ZWebhookAttempt = z.object({
  id: z.number().int(),
  deliveryId: z.uuid(),
  attempt: z.number().int(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  /** The receiver's HTTP status; null when no response came (refused, timeout, network). */
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookAttempt = z.infer<typeof ZWebhookAttempt>;

export const ZWebhookDeliveryListInput = z
  .object({
    /** One subscription's deliveries; all the caller's when left out. */
    subscriptionId: ZWebhookId.optional(),
    status: ZWebhookDeliveryStatus.optional(),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .strict()
  .default({ limit: 50 });
export type WebhookDeliveryListInput = z.input<typeof ZWebhookDeliveryListInput>;

export const ZWebhookDeliveryIdInput = z.object({ deliveryId: z.uuid('must be a delivery id') });

export const ZWebhookDeliveryDetail = ZWebhookDelivery.extend({
  attemptLog: z.array(ZWebhookAttempt),
});
export type WebhookDeliveryDetail = z.infer<typeof ZWebhookDeliveryDetail>;

export const ZWebhookTestInput = z
  .object({ id: ZWebhookId, eventType: ZWebhookEventType.default('bot.started') })
  .strict();
export type WebhookTestInput = z.input<typeof ZWebhookTestInput>;

// Payloads: exactly seed 000's "Webhook Payload Format", snake_case on the wire, plus one
// additive field: `feed` in `data` says where the bot trades (`simulator` for a simulated
// market, else the venue), so a receiver never mistakes simulated fills for real ones.

/** The bot's feed (additive to seed 000; absent on test events). */
const ZDataFeed = ZMarketFeed.optional();

const ZBotStartedData = z.object({
  status: ZBotStatus,
  mode: ZBotMode,
  start_time: z.iso.datetime(),
  initial_cash: z.number(),
  feed: ZDataFeed,
});

/** Seed 000's performance block; "additional performance metrics" are the rest of the record. */
const ZBotFinishedPerformance = z.object({
  total_return: z.number(),
  win_rate: z.number(),
  sharpe_ratio: z.number().nullable(),
  sortino_ratio: z.number().nullable(),
  max_drawdown: z.number(),
  total_return_dollar: z.number(),
  profit_factor: z.number().nullable(),
  losing_trades: z.number().int(),
  avg_win: z.number(),
  avg_loss: z.number(),
  largest_win: z.number(),
  largest_loss: z.number(),
});

const ZBotFinishedData = z.object({
  status: ZBotStatus,
  mode: ZBotMode,
  start_time: z.iso.datetime(),
  end_time: z.iso.datetime(),
  initial_cash: z.number(),
  final_cash: z.number(),
  total_trades: z.number().int(),
  winning_trades: z.number().int(),
  total_pnl: z.number(),
  performance: ZBotFinishedPerformance.nullable(),
  feed: ZDataFeed,
});

const ZBotErrorData = z.object({
  error_message: z.string(),
  /** The stack when the runner recorded one, else null. */
  error_stack: z.string().nullable(),
  timestamp: z.iso.datetime(),
});

/**
 * The fill as the enterprise API shows it, its `id` named `trade_id` (and first, as in the
 * seed). `timestamp` is when it filled (wall clock), never after the envelope's `timestamp`.
 */
const ZTradeExecutedData = z
  .object({ trade_id: z.number().int() })
  .extend(ZEnterpriseTrade.omit({ id: true }).shape)
  .extend({ feed: ZDataFeed });

function envelope<T extends WebhookEventType, D extends z.ZodType>(eventType: T, data: D) {
  return z.object({
    event_type: z.literal(eventType),
    timestamp: z.iso.datetime(),
    bot_id: z.number().int(),
    data,
  });
}

/** The JSON body of every delivery. */
export const ZWebhookPayload = z.discriminatedUnion('event_type', [
  envelope('bot.started', ZBotStartedData),
  envelope('bot.finished', ZBotFinishedData),
  envelope('bot.error', ZBotErrorData),
  envelope('trade.executed', ZTradeExecutedData),
]);
export type WebhookPayload = z.infer<typeof ZWebhookPayload>;
