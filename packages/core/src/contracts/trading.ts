import { z } from 'zod';
import { ZAccountId } from './accounts.ts';
import { ZSymbol } from './bots.ts';
import { ZGroupId } from './groups.ts';
import { zId } from './id.ts';
import { zSafeString } from './safe-string.ts';

/**
 * Direct trading on exchange accounts (seed 001 Trading API), camelCase as tRPC speaks:
 * `risk_percentage` -> `riskPercentage`, `take_profit` -> `takeProfit`. One execution fans an
 * order out to several accounts; each account answers on its own.
 */

export const ORDER_SIDES = ['buy', 'sell'] as const;
export const TRADE_ORDER_TYPES = ['market', 'limit'] as const;

/** An exchange pair as ccxt writes it: `BTC/USDT`. */
const ZPair = ZSymbol.refine((symbol) => /^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol), {
  message: 'must be a pair such as BTC/USDT',
});

/** What to trade on each account; the size is a share of each account's equity. */
export const ZTradeOrder = z
  .object({
    symbol: ZPair,
    side: z.enum(ORDER_SIDES),
    orderType: z.enum(TRADE_ORDER_TYPES).default('market'),
    /** Percent of each account's equity (in the pair's quote currency) the order is worth. */
    riskPercentage: z
      .number()
      .positive('must be greater than 0')
      .max(100, 'must be at most 100 (a percent)'),
    /** The limit price; required for a limit order, refused for a market one. */
    price: z.number().positive('must be greater than 0').optional(),
    /** Only for accounts that trade derivatives; 1 (or absent) means none. */
    leverage: z.number().min(1, 'must be at least 1').max(125, 'must be at most 125').optional(),
    /** A linked limit order closing a buy at this price; 0 or absent means none. */
    takeProfit: z.number().min(0, 'must be 0 or more').optional(),
  })
  .strict();

function checkOrder(
  input: {
    orderType: string;
    price?: number | undefined;
    side: string;
    takeProfit?: number | undefined;
  },
  context: z.RefinementCtx,
) {
  if (input.orderType === 'limit' && input.price === undefined) {
    context.addIssue({ code: 'custom', path: ['price'], message: 'is required for a limit order' });
  }
  if (input.orderType === 'market' && input.price !== undefined) {
    context.addIssue({ code: 'custom', path: ['price'], message: 'a market order takes no price' });
  }
  if (input.side === 'sell' && input.takeProfit) {
    context.addIssue({
      code: 'custom',
      path: ['takeProfit'],
      message: 'a take-profit closes a buy; spot accounts cannot short',
    });
  }
}

export const ZGroupExecuteInput = ZTradeOrder.extend({
  groupId: ZGroupId,
  /** The same key with the same order answers the first execution again, sending nothing. */
  idempotencyKey: zSafeString()
    .trim()
    .min(1, 'is empty')
    .max(128, 'must be at most 128 characters')
    .optional(),
}).superRefine(checkOrder);
export type GroupExecuteInput = z.input<typeof ZGroupExecuteInput>;

/** One account's answer: its order, or why it was not placed. */
export const ZExecutionResult = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  exchange: z.string(),
  /** `filled` (market, or a limit that filled), `open` (a resting limit), `error`. */
  status: z.enum(['filled', 'open', 'error', 'pending']),
  clientOrderId: z.string(),
  orderId: z.string().nullable(),
  quantity: z.number().nullable(),
  filled: z.number().nullable(),
  /** Average fill price (market) or the limit price. */
  price: z.number().nullable(),
  fee: z.number().nullable(),
  feeCurrency: z.string().nullable(),
  takeProfitOrderId: z.string().nullable(),
  /** Why the order (or its take-profit) was not placed, in the exchange's or Tradewind's words. */
  error: z.string().nullable(),
});
export type ExecutionResult = z.infer<typeof ZExecutionResult>;

export const ZExecution = z.object({
  executionId: z.uuid(),
  successCount: z.number().int(),
  errorCount: z.number().int(),
  results: z.array(ZExecutionResult),
  /** True when an idempotency key answered an earlier execution again. */
  replayed: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Execution = z.infer<typeof ZExecution>;

export const ZPositionsInput = z
  .object({
    accountId: ZAccountId,
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(50),
    /** `closed` (seed 001's recent closed positions), `open`, or `all`. */
    status: z.enum(['closed', 'open', 'all']).default('closed'),
  })
  .strict();
export type PositionsInput = z.input<typeof ZPositionsInput>;

export const ZTradingPosition = z.object({
  id: z.uuid(),
  botId: z.number().int().nullable(),
  symbol: z.string(),
  side: z.string(),
  /** Quantity bought; `openQuantity` is what is still held. */
  size: z.number(),
  openQuantity: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number().nullable(),
  pnl: z.number(),
  fee: z.number(),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
});
export type TradingPosition = z.infer<typeof ZTradingPosition>;

export const ZClosePositionInput = z
  .object({
    accountId: ZAccountId,
    symbol: ZPair,
    orderType: z.literal('market', 'only market closes are supported').default('market'),
  })
  .strict();
export type ClosePositionInput = z.input<typeof ZClosePositionInput>;

export const ZClosedPosition = z.object({
  success: z.literal(true),
  message: z.string(),
  symbol: z.string(),
  quantity: z.number(),
  price: z.number().nullable(),
  pnl: z.number(),
});

export const ZTerminateAccountInput = z.object({ accountId: ZAccountId }).strict();

export const ZTerminateError = z.object({
  accountId: z.uuid().optional(),
  symbol: z.string().nullable(),
  message: z.string(),
});

/** Every order cancelled and every position closed on the account; what failed is listed. */
export const ZAccountTermination = z.object({
  success: z.boolean(),
  terminatedPositions: z.number().int(),
  cancelledOrders: z.number().int(),
  errors: z.array(ZTerminateError),
});
export type AccountTermination = z.infer<typeof ZAccountTermination>;

export const ZBotAccountInput = z
  .object({ botId: zId('a bot id'), accountId: ZAccountId })
  .strict();
export const ZBotIdOnlyInput = z.object({ botId: zId('a bot id') }).strict();

export const ZBotAccountSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  exchange: z.string(),
  balance: z.number().nullable(),
  equity: z.number().nullable(),
  isActive: z.boolean(),
  connectedAt: z.iso.datetime(),
});

export const ZBotConnectResult = z.object({ success: z.literal(true), message: z.string() });

export const ZBotTermination = z.object({
  success: z.boolean(),
  terminatedAccounts: z.number().int(),
  terminatedPositions: z.number().int(),
  cancelledOrders: z.number().int(),
  errors: z.array(ZTerminateError),
});

const ZPnlPeriod = z.object({
  period: z.iso.date(),
  trades: z.number().int(),
  pnl: z.number(),
  fee: z.number(),
});

/** A bot's trading per connected account, by day, ISO week and month (closed positions). */
export const ZBotAccountPerformance = z.object({
  botId: z.number().int(),
  daily: z.array(ZPnlPeriod),
  weekly: z.array(ZPnlPeriod),
  monthly: z.array(ZPnlPeriod),
  accounts: z.record(
    z.string(),
    z.object({
      closedPositions: z.number().int(),
      openPositions: z.number().int(),
      pnl: z.number(),
      fee: z.number(),
      daily: z.array(ZPnlPeriod),
      weekly: z.array(ZPnlPeriod),
      monthly: z.array(ZPnlPeriod),
    }),
  ),
});
export type BotAccountPerformance = z.infer<typeof ZBotAccountPerformance>;
