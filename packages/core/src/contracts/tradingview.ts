import { z } from 'zod';
import { TRADINGVIEW_SIGNAL_STATUSES } from './enum-values.ts';
import { zId } from './id.ts';
import { zQuantity } from './quantity.ts';
import { zSafeString } from './safe-string.ts';

/**
 * TradingView inbound signals (seed 001's `POST /webhook/tradingview`). An alert's message is
 * free text the user types into TradingView, so numbers may arrive as strings ("0.5") and
 * extra fields are kept rather than refused; the fields we act on are checked strictly.
 */

/** A positive decimal sent as a JSON number or a numeric string, as TradingView templates do. */
function positiveNumber(what: string) {
  return z
    .union([z.number(), zSafeString().trim()], { error: `must be a ${what}` })
    .transform((value, context) => {
      const number = typeof value === 'number' ? value : value === '' ? Number.NaN : Number(value);
      if (!Number.isFinite(number) || number <= 0) {
        context.addIssue({ code: 'custom', message: `must be a ${what} greater than 0` });
        return z.NEVER;
      }
      return number;
    });
}

/** An alert time: ISO 8601 (TradingView's `{{timenow}}`) or Unix seconds / milliseconds. */
const ZAlertTime = z
  .union([z.iso.datetime({ offset: true }), z.number().int().positive()], {
    error: 'must be an ISO 8601 date-time (e.g. {{timenow}}) or a Unix time',
  })
  .transform((value) =>
    typeof value === 'string' ? new Date(value) : new Date(value < 1e12 ? value * 1000 : value),
  );

/** "Not set" in a template: the field left out, empty, or zero. */
const isUnset = (value: unknown) =>
  value === undefined || value === null || value === '' || value === 0 || value === '0';

/** The alert message TradingView POSTs; seed 001's fields plus dedupe and staleness fields. */
export const ZTradingViewAlert = z
  .object({
    /** Only market orders: a paper bot fills at the symbol's last price. */
    order_type: zSafeString({ error: 'must be a string' })
      .trim()
      .toLowerCase()
      .refine((value) => value === 'market', 'only "market" orders are supported')
      .default('market'),
    /** A ticker of the bot, e.g. `AAPL`, `BTC/USD`; an exchange prefix (`NASDAQ:AAPL`) is ignored. */
    symbol: zSafeString({ error: 'is required (a ticker such as AAPL)' })
      .trim()
      .min(1, 'is required (a ticker such as AAPL)')
      .max(40, 'is too long'),
    /** The name of one of the token owner's bots. */
    botname: zSafeString({ error: "is required (your bot's name)" })
      .trim()
      .min(1, "is required (your bot's name)")
      .max(100, 'is too long'),
    side: zSafeString({ error: 'is required: "buy" or "sell"' })
      .trim()
      .toLowerCase()
      .pipe(z.enum(['buy', 'sell'], { error: 'must be "buy" or "sell"' })),
    /** Units to buy; default: what the bot's sizing allows. A sell closes the whole position. */
    size: positiveNumber('number').pipe(zQuantity()).optional(),
    /** Paper bots trade without leverage: 1 or unset. */
    leverage: z
      .unknown()
      .refine(
        (value) => isUnset(value) || value === 1 || value === '1',
        'paper bots trade without leverage: send 1 or leave it out',
      )
      .optional(),
    /** Take-profit orders are not supported by paper bots: leave it out (or 0). */
    takeprofit: z
      .unknown()
      .refine(
        isUnset,
        'take-profit orders are not supported by paper bots: leave it out (or send 0)',
      )
      .optional(),
    /** Dedupe id: the same id from the same user is executed once. */
    id: z
      .union([zSafeString().trim().min(1).max(200), z.number()], {
        error: 'must be a string or number',
      })
      .transform(String)
      .optional(),
    /** When the alert fired (`{{timenow}}`); `time` is the bar's time (`{{time}}`). */
    timenow: ZAlertTime.optional(),
    time: ZAlertTime.optional(),
    /** Refuse the signal when it is older than this many seconds (needs `timenow` or `time`). */
    max_lag: positiveNumber('number of seconds').optional(),
    /** The webhook token, when it is not in the URL. */
    token: zSafeString().optional(),
  })
  .loose()
  .superRefine((alert, context) => {
    if (alert.max_lag !== undefined && !alert.timenow && !alert.time) {
      context.addIssue({
        code: 'custom',
        path: ['max_lag'],
        message: 'needs the alert time in "timenow" (or "time")',
      });
    }
  });
export type TradingViewAlert = z.output<typeof ZTradingViewAlert>;

export const ZTradingViewSignalStatus = z.enum(TRADINGVIEW_SIGNAL_STATUSES);
export type TradingViewSignalStatus = z.infer<typeof ZTradingViewSignalStatus>;

/** What a signal did on one bot: a fill, or why not. */
export const ZTradingViewExecution = z.object({
  botId: z.number().int(),
  botName: z.string(),
  success: z.boolean(),
  /** The fill, when it succeeded. */
  tradeId: z.number().int().nullable(),
  symbol: z.string(),
  action: z.enum(['BUY', 'SELL']),
  quantity: z.number().nullable(),
  price: z.number().nullable(),
  fee: z.number().nullable(),
  /** Why it failed (e.g. not enough cash, nothing to sell). */
  error: z.string().nullable(),
});
export type TradingViewExecution = z.infer<typeof ZTradingViewExecution>;

/** One entry of the signal log; `id` is the correlation id the webhook answered with. */
export const ZTradingViewSignal = z.object({
  id: z.uuid(),
  status: ZTradingViewSignalStatus,
  httpStatus: z.number().int(),
  botName: z.string().nullable(),
  symbol: z.string().nullable(),
  side: z.string().nullable(),
  botIds: z.array(z.number().int()),
  /** The body as received, without the token; null when it was not JSON. */
  payload: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  /** For a duplicate: the correlation id of the signal it repeats. */
  duplicateOf: z.uuid().nullable(),
  results: z.array(ZTradingViewExecution),
  sourceIp: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export type TradingViewSignal = z.infer<typeof ZTradingViewSignal>;

/** The caller's signal log, newest first. */
export const ZTradingViewSignalListInput = z
  .object({
    status: ZTradingViewSignalStatus.optional(),
    /** Signals naming this bot (as sent in `botname`). */
    botName: z.string().trim().min(1).max(100).optional(),
    /** Signals executed on this bot. */
    botId: zId('a bot id').optional(),
    /** Received at or after this time. */
    since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type TradingViewSignalListInput = z.input<typeof ZTradingViewSignalListInput>;

export const ZTradingViewSignalList = z.object({
  signals: z.array(ZTradingViewSignal),
  /** How many signals match, across all pages. */
  total: z.number().int(),
});
export type TradingViewSignalList = z.infer<typeof ZTradingViewSignalList>;

export const ZTradingViewSignalIdInput = z
  .object({ id: z.uuid({ error: 'must be a correlation id (UUID)' }) })
  .strict();

/** What the owner sees of their webhook token: never the token itself. */
export const ZTradingViewTokenStatus = z.object({
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type TradingViewTokenStatus = z.infer<typeof ZTradingViewTokenStatus>;

/** A new token, shown this once, with the webhook path to paste into TradingView. */
export const ZCreatedTradingViewToken = ZTradingViewTokenStatus.extend({
  token: z.string(),
  /** `/api/v1/webhook/tradingview?token=…`, to append to the server's public URL. */
  webhookPath: z.string(),
});
export type CreatedTradingViewToken = z.infer<typeof ZCreatedTradingViewToken>;

/** One execution in the webhook's answer (seed 001 `results`), snake_case as the seed's fields. */
export const ZTradingViewWebhookResult = z.object({
  bot_id: z.number().int(),
  bot_name: z.string(),
  success: z.boolean(),
  trade_id: z.number().int().nullable(),
  symbol: z.string(),
  action: z.enum(['BUY', 'SELL']),
  quantity: z.number().nullable(),
  price: z.number().nullable(),
  fee: z.number().nullable(),
  error: z.string().nullable(),
});

/** Seed 001's answer to an accepted signal (200, or 202 while execution continues). */
export const ZTradingViewWebhookResponse = z.object({
  success: z.boolean(),
  message: z.string(),
  data: z.object({
    correlation_id: z.uuid(),
    status: ZTradingViewSignalStatus,
    success_count: z.number().int(),
    error_count: z.number().int(),
    results: z.array(ZTradingViewWebhookResult),
  }),
});
export type TradingViewWebhookResponse = z.infer<typeof ZTradingViewWebhookResponse>;

/** Seed 001's error format; `errors` names the fields that were wrong. */
export const ZTradingViewWebhookError = z.object({
  success: z.literal(false),
  detail: z.string(),
  errors: z.record(z.string(), z.string()).optional(),
  /** Present once the signal is in the owner's signal log. */
  correlation_id: z.uuid().optional(),
  request_id: z.string(),
  timestamp: z.iso.datetime(),
});
export type TradingViewWebhookError = z.infer<typeof ZTradingViewWebhookError>;

/** Seed 001's `GET /webhook/tradingview/test` answer. */
export const ZTradingViewWebhookHealth = z.object({
  success: z.literal(true),
  message: z.string(),
  data: z.object({ timestamp: z.iso.datetime(), correlation_id: z.uuid() }),
});
