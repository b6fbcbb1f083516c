/**
 * The API's closed value sets as plain lists, without zod: the contracts build their zod enums
 * from these, and light clients (the CLI's option choices) import them from `@tradewind/sdk/enums`
 * without loading a schema. A value added here reaches every door and every `--choices` list.
 */
export { BOT_STATUSES } from '../bots/bot-lifecycle.ts';

export const BOT_MODES = ['PAPER', 'LIVE'] as const;
/** Bar intervals a strategy can run on (seed 001's timeframes). */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '6h', '1d', '3d'] as const;
/** Seed 003's risk modes: they pick the default risk guards. */
export const RISK_MODES = ['conservative', 'balanced', 'aggressive'] as const;

/**
 * What a LIVE bot's reconciliation does with a position the account does not hold: pause and
 * alert (`resume`), take the exchange's position (`adopt`), or sell the rest (`flatten`).
 */
export const RESTART_POLICIES = ['resume', 'adopt', 'flatten'] as const;

/** Strategy categories, as seed 002 spells them; each built-in algorithm belongs to one. */
export const STRATEGY_CATEGORIES = [
  'trend_following',
  'momentum',
  'mean_reversion',
  'breakout',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
/** A strategy's status, derived from the bot it last started (see `ZStrategyStatus`). */
export const STRATEGY_STATUSES = ['inactive', 'active', 'paused', 'error'] as const;
/** Whose strategies a list shows: `owned`, `shared` with the caller, or `all` of both. */
export const STRATEGY_SCOPES = ['all', 'owned', 'shared'] as const;
export const STRATEGY_SORT_FIELDS = [
  'created_at',
  'updated_at',
  'name',
  'category',
  'risk_level',
] as const;
export const STRATEGY_PERFORMANCE_PERIODS = ['1d', '7d', '30d', '90d', '1y', 'all'] as const;
export const STRATEGY_EVENT_TYPES = [
  'created',
  'updated',
  'started',
  'stopped',
  'shared',
  'unshared',
] as const;
/** What one user may do with a strategy someone shared with them (seed 002's permissions). */
export const STRATEGY_PERMISSIONS = ['read', 'write', 'execute', 'delete', 'share'] as const;

export const TRADINGVIEW_SIGNAL_STATUSES = [
  'PROCESSING',
  'EXECUTED',
  'PARTIAL',
  'FAILED',
  'REJECTED',
  'DUPLICATE',
] as const;

/** The rules that raise operator alerts (seed 004 `/alerts`; see operator-alerts.ts). */
export const OPERATOR_ALERT_KINDS = [
  'bot_error',
  'max_drawdown',
  'max_daily_loss',
  'feed_unavailable',
  'ledger_inconsistent',
  'webhook_failing',
] as const;
/** Seed 004's alert severities. */
export const OPERATOR_ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** Where operator alerts can be sent (notifications.ts). */
export const NOTIFICATION_CHANNEL_KINDS = ['telegram', 'email'] as const;
