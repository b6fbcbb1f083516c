/**
 * The strategy lab (seed 002): user-owned configurations of the engine's built-in algorithms,
 * their sharing, history, signals, performance and templates.
 *
 * Casing: seed 002 spells fields in snake_case (`risk_level`, `auto_start`, `sort_by`, ...); our
 * tRPC API spells the same fields in camelCase (`riskLevel`, `autoStart`, `sortBy`, ...). Enum
 * values (`trend_following`, `created_at`, ...) keep the seed's spelling.
 */
import { z } from 'zod';
import { ZStrategyParams, ZSymbol, ZTimeframe, ZTrade } from './bots.ts';
import {
  RISK_LEVELS,
  STRATEGY_CATEGORIES,
  STRATEGY_EVENT_TYPES,
  STRATEGY_PERFORMANCE_PERIODS,
  STRATEGY_PERMISSIONS,
  STRATEGY_SCOPES,
  STRATEGY_SORT_FIELDS,
  STRATEGY_STATUSES,
} from './enum-values.ts';
import { zId } from './id.ts';
import { ZEmail } from './identity.ts';

/** Strategy categories, as seed 002 spells them; each built-in algorithm belongs to one. */
export const ZStrategyCategory = z.enum(STRATEGY_CATEGORIES);
export type StrategyCategory = z.infer<typeof ZStrategyCategory>;
export const ZRiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof ZRiskLevel>;

/**
 * Derived from the bot a strategy last started: `inactive` (never started, or its bot finished),
 * `active` (its bot runs), `paused` (its bot is paused), `error` (its bot stopped on an error).
 */
export const ZStrategyStatus = z.enum(STRATEGY_STATUSES);
export type StrategyStatus = z.infer<typeof ZStrategyStatus>;

/** What one user may do with a strategy someone shared with them (seed 002's permissions). */
export const ZStrategyPermission = z.enum(STRATEGY_PERMISSIONS);
export type StrategyPermission = z.infer<typeof ZStrategyPermission>;

export const ZStrategyId = zId('a strategy id');

const ZName = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const ZDescription = z.string().trim().max(2000, 'at most 2000 characters');
const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be a short word such as momentum or tech-stocks');
const ZTags = z
  .array(ZTag)
  .max(20, 'at most 20 tags')
  .transform((tags) => [...new Set(tags)]);
/** 1-20 distinct symbols (strategies trade them; backtests run on them). */
export const ZSymbols = z
  .array(ZSymbol)
  .min(1, 'must name at least one symbol')
  .max(20, 'at most 20 symbols')
  .refine((symbols) => new Set(symbols).size === symbols.length, 'must not repeat a symbol');

/**
 * Seed 002's `StrategyConfig`. `algorithm` names a built-in algorithm of the engine registry
 * (`MovingAverage`, `Momentum`, `MeanReversion`, `Breakout`); without it, the category's
 * algorithm is used. `category` and `riskLevel` default to the algorithm's.
 */
export const ZStrategyConfig = z
  .object({
    name: ZName,
    description: ZDescription.optional(),
    algorithm: z.string().trim().min(1, 'must not be empty').max(100).optional(),
    category: ZStrategyCategory.optional(),
    parameters: ZStrategyParams.default({}),
    riskLevel: ZRiskLevel.optional(),
    tags: ZTags.default([]),
    timeframe: ZTimeframe.default('1h'),
    symbols: ZSymbols,
  })
  .strict()
  .refine((config) => config.algorithm !== undefined || config.category !== undefined, {
    path: ['algorithm'],
    message: 'name an algorithm or a category',
  });
export type StrategyConfig = z.input<typeof ZStrategyConfig>;

/** Cash the bot of a started strategy begins with, unless the caller says otherwise. */
export const DEFAULT_STRATEGY_CASH = 10_000;
const ZInitialCash = z
  .number({ error: 'must be a number' })
  .positive('must be greater than 0')
  .max(1e12, 'is too large');

export const ZStrategyCreateInput = z
  .object({
    config: ZStrategyConfig,
    /** Start it (as a paper bot) right after creating it. */
    autoStart: z.boolean().default(false),
    /** Check `parameters` against the algorithm's schema (and complete them with defaults). */
    validateParameters: z.boolean().default(true),
    /** Cash of the bot when `autoStart` is set. */
    initialCash: ZInitialCash.default(DEFAULT_STRATEGY_CASH),
  })
  .strict();
export type StrategyCreateInput = z.input<typeof ZStrategyCreateInput>;

/** A template's configuration with the caller's overrides; `name` defaults to the template's. */
export const ZStrategyFromTemplateInput = z
  .object({
    templateId: z.string().trim().min(1, 'must not be empty').max(100),
    name: ZName.optional(),
    description: ZDescription.optional(),
    parameters: ZStrategyParams.optional(),
    riskLevel: ZRiskLevel.optional(),
    tags: ZTags.optional(),
    timeframe: ZTimeframe.optional(),
    /** Templates name no symbols: the caller picks what to trade. */
    symbols: ZSymbols,
    autoStart: z.boolean().default(false),
    initialCash: ZInitialCash.default(DEFAULT_STRATEGY_CASH),
  })
  .strict();
export type StrategyFromTemplateInput = z.input<typeof ZStrategyFromTemplateInput>;

const ZConfigChanges = z
  .object({
    name: ZName,
    description: ZDescription.nullable(),
    algorithm: z.string().trim().min(1, 'must not be empty').max(100),
    category: ZStrategyCategory,
    parameters: ZStrategyParams,
    riskLevel: ZRiskLevel,
    tags: ZTags,
    timeframe: ZTimeframe,
    symbols: ZSymbols,
  })
  .partial()
  .strict()
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  });

/** Seed 002's PUT: changes to the configuration, validated again as a whole. */
export const ZStrategyUpdateInput = z
  .object({
    strategyId: ZStrategyId,
    config: ZConfigChanges,
    validateParameters: z.boolean().default(true),
  })
  .strict();
export type StrategyUpdateInput = z.input<typeof ZStrategyUpdateInput>;

export const ZStrategyIdInput = z.object({ strategyId: ZStrategyId }).strict();

export const ZStrategyStartInput = z
  .object({ strategyId: ZStrategyId, initialCash: ZInitialCash.default(DEFAULT_STRATEGY_CASH) })
  .strict();
export type StrategyStartInput = z.input<typeof ZStrategyStartInput>;

/** Seed 002's list query: what the caller may read (own, shared with them; admins: all). */
export const ZStrategyListInput = z
  .object({
    page: z.number().int().min(1, 'must be 1 or more').default(1),
    size: z.number().int().min(1, 'must be 1 or more').max(100, 'at most 100').default(20),
    category: ZStrategyCategory.optional(),
    status: ZStrategyStatus.optional(),
    riskLevel: ZRiskLevel.optional(),
    /** Case-insensitive text searched in name and description. */
    search: z.string().trim().min(1).max(100).optional(),
    /** Strategies carrying every one of these tags. */
    tags: z.array(ZTag).max(20).optional(),
    /** `owned`: the caller's own; `shared`: shared with the caller; `all`: both. */
    scope: z.enum(STRATEGY_SCOPES).default('all'),
    sortBy: z.enum(STRATEGY_SORT_FIELDS).default('created_at'),
    sortOrder: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict()
  .default({ page: 1, size: 20, scope: 'all', sortBy: 'created_at', sortOrder: 'desc' });
export type StrategyListInput = z.input<typeof ZStrategyListInput>;

export const ZStrategy = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  algorithm: z.string(),
  category: ZStrategyCategory,
  parameters: ZStrategyParams,
  riskLevel: ZRiskLevel,
  tags: z.array(z.string()),
  timeframe: ZTimeframe,
  symbols: z.array(z.string()),
  status: ZStrategyStatus,
  /** The bot it last started (running or not); null if never started. */
  botId: z.number().int().nullable(),
  ownerId: z.uuid(),
  /** What the caller may do with it: everything for its owner and admins. */
  permissions: z.array(ZStrategyPermission),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Strategy = z.infer<typeof ZStrategy>;

export const ZStrategyList = z.object({
  items: z.array(ZStrategy),
  pagination: z.object({
    page: z.number().int(),
    size: z.number().int(),
    /** Matching strategies across all pages. */
    total: z.number().int(),
    pages: z.number().int(),
  }),
});
export type StrategyList = z.infer<typeof ZStrategyList>;

/**
 * A decision of the strategy that reached the broker. The runtime does not record signals on
 * their own yet, so each executed fill of the strategy's bots is one signal.
 */
export const ZStrategySignal = z.object({
  id: z.number().int(),
  strategyId: z.number().int(),
  botId: z.number().int(),
  symbol: z.string(),
  side: ZTrade.shape.action,
  quantity: z.number(),
  price: z.number(),
  /** `signal` for the algorithm's own decisions; `stop_loss`, `force_exit`, ... otherwise. */
  reason: z.string(),
  timestamp: z.iso.datetime(),
});
export type StrategySignal = z.infer<typeof ZStrategySignal>;

export const ZStrategySignalsInput = z
  .object({
    strategyId: ZStrategyId,
    limit: z.number().int().min(1, 'must be 1 or more').max(500, 'at most 500').default(50),
    since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  })
  .strict();
export type StrategySignalsInput = z.input<typeof ZStrategySignalsInput>;

export const ZStrategyPerformancePeriod = z.enum(STRATEGY_PERFORMANCE_PERIODS);
export type StrategyPerformancePeriod = z.infer<typeof ZStrategyPerformancePeriod>;

export const ZStrategyPerformanceInput = z
  .object({ strategyId: ZStrategyId, period: ZStrategyPerformancePeriod.default('all') })
  .strict();
export type StrategyPerformanceInput = z.input<typeof ZStrategyPerformanceInput>;

/**
 * Seed 002's `StrategyPerformance` over a period, across every bot the strategy ran (their
 * equity curves chained by return). Fractions, not percents; null where a ratio is undefined.
 */
export const ZStrategyPerformance = z.object({
  strategyId: z.number().int(),
  period: ZStrategyPerformancePeriod,
  /** Start of the window; null for `all`. */
  since: z.iso.datetime().nullable(),
  /** Bots with equity points inside the window. */
  bots: z.number().int(),
  totalReturn: z.number(),
  annualizedReturn: z.number().nullable(),
  sharpeRatio: z.number().nullable(),
  sortinoRatio: z.number().nullable(),
  calmarRatio: z.number().nullable(),
  maxDrawdown: z.number(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  /** Closed round trips that closed inside the window. */
  totalTrades: z.number().int(),
  winningTrades: z.number().int(),
  losingTrades: z.number().int(),
  averageWin: z.number().nullable(),
  averageLoss: z.number().nullable(),
  /** Realized PnL of those round trips, net of fees. */
  realizedPnl: z.number(),
  totalFees: z.number(),
  /** Equity points the ratios were computed on. */
  periods: z.number().int(),
});
export type StrategyPerformance = z.infer<typeof ZStrategyPerformance>;

/** Seed 002's GET /strategies/{id}: configuration, performance (all time), recent signals. */
export const ZStrategyDetail = ZStrategy.extend({
  performance: ZStrategyPerformance,
  recentSignals: z.array(ZStrategySignal),
});
export type StrategyDetail = z.infer<typeof ZStrategyDetail>;

export const ZStrategyEventType = z.enum(STRATEGY_EVENT_TYPES);

export const ZStrategyEvent = z.object({
  id: z.string(),
  strategyId: z.number().int(),
  type: ZStrategyEventType,
  /** Who did it (null once that user is gone). */
  actorId: z.uuid().nullable(),
  /** What changed: fields, bot id, shared permissions, ... */
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type StrategyEvent = z.infer<typeof ZStrategyEvent>;

export const ZStrategyHistoryInput = z
  .object({
    strategyId: ZStrategyId,
    limit: z.number().int().min(1, 'must be 1 or more').max(1000, 'at most 1000').default(100),
    eventType: ZStrategyEventType.optional(),
    since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  })
  .strict();
export type StrategyHistoryInput = z.input<typeof ZStrategyHistoryInput>;

export const ZStrategyTemplate = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  algorithm: z.string(),
  category: ZStrategyCategory,
  riskLevel: ZRiskLevel,
  parameters: ZStrategyParams,
  /** Other names the algorithm accepts for its parameters: alias -> own name (`fast_period` -> `fast`). */
  parameterAliases: z.record(z.string(), z.string()),
  timeframe: ZTimeframe,
  tags: z.array(z.string()),
});
export type StrategyTemplate = z.infer<typeof ZStrategyTemplate>;

export const ZStrategyTemplatesInput = z
  .object({ category: ZStrategyCategory.optional(), riskLevel: ZRiskLevel.optional() })
  .strict()
  .default({});

export const ZStrategyCategoryUsage = z.object({
  category: ZStrategyCategory,
  /** Built-in algorithms of this category. */
  algorithms: z.array(z.string()),
  /** Strategies of this category the caller can read. */
  strategies: z.number().int(),
  /** Of those, how many run now. */
  active: z.number().int(),
  templates: z.number().int(),
});
export type StrategyCategoryUsage = z.infer<typeof ZStrategyCategoryUsage>;

/**
 * Grants permissions to the user with this email, added to what they already hold; `read` comes
 * with any of them.
 */
export const ZStrategyShareInput = z
  .object({
    strategyId: ZStrategyId,
    email: ZEmail,
    permissions: z
      .array(ZStrategyPermission)
      .min(1, 'name at least one permission')
      .transform((permissions) => [...new Set(permissions)]),
  })
  .strict();
export type StrategyShareInput = z.input<typeof ZStrategyShareInput>;

/**
 * Revokes the named permissions, or the whole share when none are named. Every share includes
 * `read` (nobody acts on what they cannot see), so revoking `read` revokes the whole share.
 */
export const ZStrategyUnshareInput = z
  .object({
    strategyId: ZStrategyId,
    email: ZEmail,
    permissions: z.array(ZStrategyPermission).min(1, 'name at least one permission').optional(),
  })
  .strict();
export type StrategyUnshareInput = z.input<typeof ZStrategyUnshareInput>;

export const ZStrategyShare = z.object({
  strategyId: z.number().int(),
  userId: z.uuid(),
  email: z.string(),
  permissions: z.array(ZStrategyPermission),
  grantedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StrategyShare = z.infer<typeof ZStrategyShare>;
