/**
 * Seed 000's enterprise REST API, field for field: snake_case response bodies in the
 * `{"success": true, "data": ...}` envelope, camelCase request bodies. These are the shapes
 * external callers code against; the REST adapter maps the tRPC contracts onto them, the
 * OpenAPI document and the SDK's REST client are generated from / typed by them.
 */
import { z } from 'zod';
import { ZBotCreateInput, ZBotMode, ZBotStatus } from './bots.ts';
import { zIdPathParam } from './id.ts';
import { ZExecutionType } from './performance.ts';

/** `GET /bots` rows and the fields `GET /bots/:botId` starts with. */
export const ZEnterpriseBot = z.object({
  id: z.number().int(),
  status: ZBotStatus,
  mode: ZBotMode,
  start_time: z.iso.datetime().nullable(),
  end_time: z.iso.datetime().nullable(),
  initial_cash: z.number(),
  final_cash: z.number().nullable(),
  total_trades: z.number().int(),
  winning_trades: z.number().int(),
  total_pnl: z.number(),
  created_at: z.iso.datetime(),
});
export type EnterpriseBot = z.infer<typeof ZEnterpriseBot>;

/** `GET /bots/active`: the running bot, fewer fields than a list row. */
export const ZEnterpriseActiveBot = ZEnterpriseBot.pick({
  id: true,
  status: true,
  mode: true,
  start_time: true,
  initial_cash: true,
  total_trades: true,
  winning_trades: true,
  total_pnl: true,
});
export type EnterpriseActiveBot = z.infer<typeof ZEnterpriseActiveBot>;

/** A fill as `GET /bots/:botId` lists it; `pnl` is null for an opening fill. */
export const ZEnterpriseTrade = z.object({
  id: z.number().int(),
  symbol: z.string(),
  action: z.enum(['BUY', 'SELL']),
  quantity: z.number(),
  price: z.number(),
  timestamp: z.iso.datetime(),
  pnl: z.number().nullable(),
});
export type EnterpriseTrade = z.infer<typeof ZEnterpriseTrade>;

export const ZEnterpriseBotDetail = ZEnterpriseBot.extend({ trades: z.array(ZEnterpriseTrade) });
export type EnterpriseBotDetail = z.infer<typeof ZEnterpriseBotDetail>;

/** `POST /bots`: the bot just started. */
export const ZEnterpriseStartedBot = ZEnterpriseBot.pick({
  id: true,
  status: true,
  mode: true,
  start_time: true,
  initial_cash: true,
});
export type EnterpriseStartedBot = z.infer<typeof ZEnterpriseStartedBot>;

/** `GET /performance` rows. Percent fields are percents, dates `YYYY-MM-DD`. */
export const ZEnterprisePerformanceRecord = z.object({
  id: z.number().int(),
  strategy_name: z.string(),
  strategy_type: z.string(),
  execution_type: ZExecutionType,
  session_id: z.number().int().nullable(),
  symbols: z.array(z.string()),
  start_date: z.string(),
  end_date: z.string(),
  initial_capital: z.number(),
  final_capital: z.number(),
  total_return: z.number(),
  total_return_dollar: z.number(),
  max_drawdown: z.number(),
  sharpe_ratio: z.number().nullable(),
  sortino_ratio: z.number().nullable(),
  win_rate: z.number(),
  total_trades: z.number().int(),
  winning_trades: z.number().int(),
  losing_trades: z.number().int(),
  avg_win: z.number(),
  avg_loss: z.number(),
  profit_factor: z.number().nullable(),
  largest_win: z.number(),
  largest_loss: z.number(),
  created_at: z.iso.datetime(),
});
export type EnterprisePerformanceRecord = z.infer<typeof ZEnterprisePerformanceRecord>;

/** `GET /stats`: across all the caller's bots. Percent fields are percents. */
export const ZEnterpriseStats = z.object({
  total_bots: z.number().int(),
  active_bots: z.number().int(),
  total_trades: z.number().int(),
  total_winning_trades: z.number().int(),
  win_rate: z.number(),
  total_pnl: z.number(),
  average_return: z.number(),
  average_win_rate: z.number(),
});
export type EnterpriseStats = z.infer<typeof ZEnterpriseStats>;

/**
 * `POST /bots` body: the seed's camelCase parameters, and optional additions: `feed`
 * (`simulator` when omitted, or an exchange id such as `binance` with symbols like `BTC/USDT`),
 * and for `mode: LIVE` `accountId`, `confirmLive` and `restartPolicy`.
 */
export const ZEnterpriseBotCreateInput = ZBotCreateInput.pick({
  initialCash: true,
  symbols: true,
  strategy: true,
  scheduledEndTime: true,
  feed: true,
  accountId: true,
  confirmLive: true,
  restartPolicy: true,
})
  // Seed 000 marks `mode` required: no default on this door.
  .extend({ mode: z.enum(ZBotMode.options, { error: 'is required: PAPER or LIVE' }) })
  .strict();
export type EnterpriseBotCreateInput = z.input<typeof ZEnterpriseBotCreateInput>;

/** `?limit=` of the list routes: default 50, at most 1000. */
export const ZEnterpriseListQuery = z.object({
  // Typed as a number for callers; a query string's text is coerced.
  limit: z.coerce
    .number<number | string>({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(50),
});
export type EnterpriseListQuery = z.input<typeof ZEnterpriseListQuery>;

/** `:botId` in a path: digits only, so `/bots/abc` is a clear 400 rather than a 404. */
export const ZEnterpriseBotPath = z.object({
  botId: zIdPathParam('a bot id'),
});

/** The success envelope around `data`. */
export function enterpriseSuccess<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

export const ZEnterpriseBotListResponse = enterpriseSuccess(z.array(ZEnterpriseBot));
export const ZEnterpriseActiveBotResponse = enterpriseSuccess(ZEnterpriseActiveBot);
export const ZEnterpriseBotDetailResponse = enterpriseSuccess(ZEnterpriseBotDetail);
export const ZEnterpriseStartedBotResponse = enterpriseSuccess(ZEnterpriseStartedBot);
export const ZEnterprisePerformanceResponse = enterpriseSuccess(
  z.array(ZEnterprisePerformanceRecord),
);
export const ZEnterpriseStatsResponse = enterpriseSuccess(ZEnterpriseStats);

/** `POST /bots/:botId/stop` answers with a message instead of data. */
export const ZEnterpriseMessageResponse = z.object({
  success: z.literal(true),
  message: z.string(),
});
export type EnterpriseMessageResponse = z.infer<typeof ZEnterpriseMessageResponse>;

/**
 * Every failure: the seed's `{"success": false, "error": "..."}` plus the request id (also sent
 * as `x-request-id`) and, where the domain has them, machine-readable facts such as the
 * seed's `activeBotId`.
 */
export const ZEnterpriseError = z
  .object({
    success: z.literal(false),
    error: z.string(),
    request_id: z.string(),
    activeBotId: z.number().int().optional(),
  })
  .catchall(z.unknown());
export type EnterpriseError = z.infer<typeof ZEnterpriseError>;
