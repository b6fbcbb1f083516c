import { z } from 'zod';
import { BOT_STATUSES } from '../bots/bot-lifecycle.ts';
import { BOT_MODES, RESTART_POLICIES, RISK_MODES, TIMEFRAMES } from './enum-values.ts';
import { zId } from './id.ts';
import { zQuantity } from './quantity.ts';
import { zFreeFormRecord } from './safe-json.ts';

export const ZBotStatus = z.enum(BOT_STATUSES);
export const ZBotMode = z.enum(BOT_MODES);
/** Bar intervals a strategy can run on (seed 001's timeframes). */
export const ZTimeframe = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof ZTimeframe>;
/** Seed 003's risk modes: they pick the default risk guards. */
export const ZRiskMode = z.enum(RISK_MODES);
export const ZRestartPolicy = z.enum(RESTART_POLICIES);

/** The feed a simulated market's bots trade on; real venues name themselves (`binance`, ...). */
export const SIMULATOR_FEED = 'simulator';

/**
 * Where a bot's bars and fills come from: `simulator` (a simulated market: its prices are not
 * a real venue's) or a real venue's name. Every bot, trade and result names it.
 */
export const ZMarketFeed = z.string().min(1);

export const ZSymbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9./-]{0,19}$/, 'must be a ticker such as AAPL or BTC/USD');

/** Per-bot risk guards; unset ones come from the risk mode's defaults. */
export const ZRiskSettings = z
  .object({
    /** Close a position that lost this percent from its entry. */
    stopLossPercent: z.number().positive().max(100).optional(),
    /** Largest position, as a percent of equity at entry. */
    maxPositionPercent: z.number().positive().max(100).optional(),
    /** Pause the bot when the day's loss reaches this percent of the day's starting equity. */
    maxDailyLossPercent: z.number().positive().max(100).optional(),
    /** Pause the bot when equity falls this percent below its peak. */
    maxDrawdownPercent: z.number().positive().max(100).optional(),
    /** Bars to wait before re-entering a symbol after a stop-loss. */
    cooldownBars: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type RiskSettings = z.infer<typeof ZRiskSettings>;

export const ZStrategyParams = zFreeFormRecord(z.union([z.number(), z.boolean(), z.string()]));

export const ZBotCreateInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    mode: ZBotMode.default('PAPER'),
    initialCash: z
      .number({ error: 'must be a number' })
      .positive('must be greater than 0')
      .max(1e12, 'is too large'),
    symbols: z
      .array(ZSymbol)
      .min(1, 'must name at least one symbol')
      .max(20, 'at most 20 symbols')
      .refine((symbols) => new Set(symbols).size === symbols.length, 'must not repeat a symbol'),
    /** A built-in strategy name, e.g. `MovingAverage`. */
    strategy: z.string().trim().min(1, 'is required').max(100),
    params: ZStrategyParams.default({}),
    timeframe: ZTimeframe.default('1m'),
    /** Default: the owner's `risk.default_mode` runtime setting (`balanced` unless changed). */
    riskMode: ZRiskMode.optional(),
    /** Guards over the risk mode's; unset ones come from stored runtime settings, then the mode. */
    risk: ZRiskSettings.optional(),
    /**
     * Where its bars come from: `simulator` (when omitted), or an exchange id (`binance`) whose
     * closed candles of `symbols` (e.g. `BTC/USDT`) it trades on, filled by the paper broker.
     */
    feed: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]{1,40}$/, 'must be simulator or an exchange id such as binance')
      .optional(),
    /** Stop the bot automatically at this time (must be in the future). */
    scheduledEndTime: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .optional(),
    /** LIVE: the keyed exchange account it trades on (its exchange is the bot's feed). */
    accountId: z.uuid('must be an account id').optional(),
    /** LIVE: the explicit confirmation that this bot trades real money (`--confirm-live`). */
    confirmLive: z.boolean({ error: 'must be true or false' }).optional(),
    /** LIVE: what reconciliation on a restart does with a position the account lacks. */
    restartPolicy: ZRestartPolicy.optional(),
  })
  .strict();
export type BotCreateInput = z.input<typeof ZBotCreateInput>;

export const ZTrade = z.object({
  id: z.number().int(),
  botId: z.number().int(),
  symbol: z.string(),
  action: z.enum(['BUY', 'SELL']),
  quantity: z.number(),
  price: z.number(),
  fee: z.number(),
  /** Realized PnL of a closing fill; null for an opening one. */
  pnl: z.number().nullable(),
  /** Why it happened: `signal`, `stop_loss`, `force_enter`, `force_exit`, `stop`, `terminate`, ... */
  reason: z.string(),
  /** When it filled: wall-clock time (the moment the fill was recorded). */
  timestamp: z.iso.datetime(),
  /**
   * The time of the market bar it filled on: the feed's time, which for a simulated market
   * runs ahead of the clock (accelerated bars), so it can differ from `timestamp`.
   */
  barTime: z.iso.datetime(),
  /** The bot's feed: `simulator`, or a real venue. */
  feed: ZMarketFeed,
});
export type Trade = z.infer<typeof ZTrade>;

export const ZPosition = z.object({
  symbol: z.string(),
  side: z.literal('long'),
  quantity: z.number(),
  entryPrice: z.number(),
  currentPrice: z.number(),
  unrealizedPnl: z.number(),
});
export type Position = z.infer<typeof ZPosition>;

export const ZBot = z.object({
  id: z.number().int(),
  name: z.string(),
  status: ZBotStatus,
  mode: ZBotMode,
  strategy: z.string(),
  params: ZStrategyParams,
  symbols: z.array(z.string()),
  timeframe: ZTimeframe,
  /** Where its bars and fills come from: `simulator`, or a real venue. */
  feed: ZMarketFeed,
  riskMode: ZRiskMode,
  initialCash: z.number(),
  currentCash: z.number(),
  finalCash: z.number().nullable(),
  /** Cash plus open positions at their last price. */
  equity: z.number(),
  totalTrades: z.number().int(),
  winningTrades: z.number().int(),
  totalPnl: z.number(),
  startTime: z.iso.datetime().nullable(),
  endTime: z.iso.datetime().nullable(),
  scheduledEndTime: z.iso.datetime().nullable(),
  errorMessage: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Bot = z.infer<typeof ZBot>;

export const ZBotDetail = ZBot.extend({
  trades: z.array(ZTrade),
  positions: z.array(ZPosition),
});
export type BotDetail = z.infer<typeof ZBotDetail>;

export const ZBotIdInput = z.object({ botId: zId('a bot id') }).strict();

export const ZBotListInput = z
  .object({
    status: ZBotStatus.optional(),
    mode: ZBotMode.optional(),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .strict()
  .default({ limit: 50 });

/** An operator opening (or adding to) a position now, at the symbol's last price. */
export const ZBotForceEnterInput = z
  .object({
    botId: zId('a bot id'),
    symbol: ZSymbol,
    /** Units to buy; default: what the bot's sizing allows at the last price. */
    quantity: zQuantity().optional(),
  })
  .strict();
export type BotForceEnterInput = z.input<typeof ZBotForceEnterInput>;

/** An operator closing a position now, at the symbol's last price. */
export const ZBotForceExitInput = z
  .object({
    botId: zId('a bot id'),
    symbol: ZSymbol,
  })
  .strict();
export type BotForceExitInput = z.input<typeof ZBotForceExitInput>;
