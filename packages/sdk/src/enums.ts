/**
 * The API's closed value sets (bot modes and statuses, timeframes, strategy categories, ...), the
 * lists the contracts' zod enums are built from. A separate entry point (`@tradewind/sdk/enums`)
 * loads no schema and no client, for CLIs and forms that only offer the choices.
 */
export {
  BOT_MODES,
  BOT_STATUSES,
  RISK_LEVELS,
  RISK_MODES,
  STRATEGY_CATEGORIES,
  STRATEGY_EVENT_TYPES,
  STRATEGY_PERFORMANCE_PERIODS,
  STRATEGY_PERMISSIONS,
  STRATEGY_SCOPES,
  STRATEGY_SORT_FIELDS,
  STRATEGY_STATUSES,
  TIMEFRAMES,
  TRADINGVIEW_SIGNAL_STATUSES,
} from '@tradewind/core/enums';
