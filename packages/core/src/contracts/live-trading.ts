import { z } from 'zod';
import { zId } from './id.ts';

const zLimit = z
  .number({ error: 'must be a number' })
  .positive('must be greater than 0')
  .max(1e12, 'is too large');

/** A LIVE account's limits, in the quote currency of its markets, checked before every order. */
export const ZAccountLimitsInput = z
  .object({
    accountId: z.uuid('must be an account id'),
    /** The largest notional (quantity x price) of one order. */
    maxOrderNotional: zLimit,
    /** The largest open exposure: positions at cost plus open buy orders, over the account's bots. */
    maxOpenExposure: zLimit,
  })
  .strict();
export type AccountLimitsInput = z.input<typeof ZAccountLimitsInput>;

export const ZAccountLimits = z.object({
  accountId: z.string(),
  maxOrderNotional: z.number().nullable(),
  maxOpenExposure: z.number().nullable(),
});
export type AccountLimits = z.infer<typeof ZAccountLimits>;

export const ZLiveBotInput = z.object({ botId: zId('a bot id') }).strict();

/** An order a LIVE bot sent, with its lifecycle status and the exchange's fills. */
export const ZLiveOrder = z.object({
  sequence: z.number().int(),
  clientOrderId: z.string(),
  exchangeOrderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']),
  type: z.string(),
  quantity: z.number(),
  price: z.number().nullable(),
  filled: z.number(),
  status: z.enum(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']),
  reason: z.string(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  fills: z.array(
    z.object({
      exchangeFillId: z.string(),
      quantity: z.number(),
      price: z.number(),
      fee: z.number(),
      feeCurrency: z.string(),
      time: z.iso.datetime(),
    }),
  ),
});
export type LiveOrder = z.infer<typeof ZLiveOrder>;
export const ZLiveOrderList = z.object({ orders: z.array(ZLiveOrder) });

/** What reconciling a LIVE bot with its exchange found and did (one per start or take-over). */
export const ZReconcileReport = z.object({
  botId: z.number().int(),
  createdAt: z.iso.datetime(),
  /** The server process that reconciled. */
  owner: z.string(),
  policy: z.string(),
  adoptedOrders: z.array(
    z.object({ clientOrderId: z.string(), symbol: z.string(), status: z.string() }),
  ),
  settledOrders: z.array(z.object({ clientOrderId: z.string(), status: z.string() })),
  unknownOrders: z.array(
    z.object({ id: z.string(), clientOrderId: z.string().optional(), symbol: z.string() }),
  ),
  recordedFills: z.number().int(),
  positions: z.array(
    z.object({
      symbol: z.string(),
      ledger: z.number(),
      exchange: z.number(),
      matches: z.boolean(),
    }),
  ),
  actions: z.array(z.string()),
  paused: z.boolean(),
});
export type ReconcileReport = z.infer<typeof ZReconcileReport>;
export const ZReconcileReportList = z.object({ reports: z.array(ZReconcileReport) });
