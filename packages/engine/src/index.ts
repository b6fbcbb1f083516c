// The public surface of @tradewind/engine: pure, deterministic trading logic with no I/O.

export {
  type ComparedStrategy,
  type CompareOptions,
  type CompareSettings,
  type ComparisonEntry,
  type ComparisonResult,
  compareStrategies,
  ZCompareSettings,
} from './analysis/compare-strategies.ts';
export {
  type EnsembleMember,
  type EnsembleMemberResult,
  type EnsembleOptions,
  type EnsembleResult,
  type EnsembleSettings,
  runEnsembleBacktest,
  WEIGHT_SUM_TOLERANCE,
  ZEnsembleSettings,
} from './analysis/ensemble-backtest.ts';
export {
  compareByMetric,
  lowerIsBetter,
  metricValue,
  type RankingMetric,
  ZRankingMetric,
} from './analysis/metric-ranking.ts';
export {
  expandGrid,
  MAX_GRID_COMBINATIONS,
  type ParameterGrid,
  ZParameterGrid,
} from './analysis/parameter-grid.ts';
export {
  runWalkForward,
  type WalkForwardOptions,
  type WalkForwardResult,
  type WalkForwardSettings,
  type WalkForwardWindow,
  ZWalkForwardSettings,
} from './analysis/walk-forward.ts';
export { BacktestCancelledError } from './backtest/backtest-cancelled-error.ts';
export type {
  BacktestOptions,
  CancellationSignal,
  StrategySelection,
} from './backtest/backtest-options.ts';
export { summarizeRejections, tradedPeriod } from './backtest/backtest-summary.ts';
export { BarCursor } from './backtest/bar-cursor.ts';
export { type Curve, downsampleCurve } from './backtest/downsample-curve.ts';
export type { ResultCurves, ResultDetail } from './backtest/result-curves.ts';
export { type BacktestResult, runBacktest } from './backtest/run-backtest.ts';
export {
  recentPeriodReturns,
  storedCurves,
  storedTrades,
  storedWalkForward,
} from './backtest/stored-result.ts';
export type { Bar } from './data/bar.ts';
export {
  type BarSeries,
  barAt,
  createBarSeries,
  firstBarAtOrAfter,
  isBarSeries,
  sliceBarSeries,
  toBarSeries,
} from './data/bar-series.ts';
export { parseOhlcv, parseOhlcvSeries } from './data/parse-ohlcv.ts';
export { parseTimeOfDay, parseTimestamp } from './data/parse-timestamp.ts';
export type {
  Broker,
  BrokerListener,
  CostModel,
  ExecutionVenue,
} from './execution/broker.ts';
export type {
  ExecutionPort,
  OrderRequest,
  VenueBalance,
  VenueFill,
  VenueOrder,
} from './execution/execution-port.ts';
export type { Fill } from './execution/fill.ts';
export {
  type Instrument,
  minimumProblem,
  roundDownToStep,
} from './execution/instrument.ts';
export type { BarRange, MarketDataPort } from './execution/market-data-port.ts';
export type {
  MarketOrder,
  OrderRejection,
  OrderSide,
  RejectionReason,
} from './execution/order.ts';
export { PaperBroker, type PaperBrokerOptions } from './execution/paper-broker.ts';
export type { Position } from './execution/position.ts';
export { type ClosedTrade, RoundTripTracker } from './execution/round-trip-tracker.ts';
export { ATR } from './indicators/atr.ts';
export { BarWindow } from './indicators/bar-window.ts';
export { BollingerBands } from './indicators/bollinger-bands.ts';
export { type CrossDirection, Crossover } from './indicators/crossover.ts';
export { EMA } from './indicators/ema.ts';
export { MACD } from './indicators/macd.ts';
export { RSI } from './indicators/rsi.ts';
export { SMA } from './indicators/sma.ts';
export { drawdownCurve, type MaxDrawdown, maxDrawdown } from './metrics/drawdown.ts';
export { observedPeriodsPerYear } from './metrics/observed-periods-per-year.ts';
export {
  computeMetrics,
  DEFAULT_PERIODS_PER_YEAR,
  type MetricsInput,
  MIN_RETURNS_FOR_ANNUALISED,
  type PerformanceMetrics,
} from './metrics/performance-metrics.ts';
export {
  type PeriodReturn,
  periodLabel,
  periodReturns,
  type RecentPeriodReturns,
  type ReturnPeriod,
  recentPeriodReturnsOf,
} from './metrics/period-returns.ts';
export {
  annualizedReturn,
  calmarRatio,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
} from './metrics/return-ratios.ts';
export { mean, percentileOfSorted, sampleStandardDeviation } from './metrics/statistics.ts';
export { type TradeStatistics, tradeStatistics } from './metrics/trade-statistics.ts';
export {
  type MonteCarloMethod,
  type MonteCarloOptions,
  type MonteCarloResult,
  type PercentileBands,
  runMonteCarlo,
} from './monte-carlo/monte-carlo.ts';
export {
  type MonteCarloSettings,
  ZMonteCarloSettings,
} from './monte-carlo/monte-carlo-settings.ts';
export {
  DEFAULT_BATCH_SIZE,
  type OptimiseMethod,
  type OptimiseResult,
  type OptimiseSettings,
  optimise,
  type RankedTrial,
  type Trial,
  type TrialEvaluator,
} from './optimiser/optimise.ts';
export {
  MAX_TRIALS,
  type ParameterRange,
  type SearchSpace,
  validateSearch,
} from './optimiser/search-space.ts';
export {
  runTrial,
  type Sample,
  type TrialAnswer,
  type TrialData,
  type TrialRequest,
} from './optimiser/trial.ts';
export { SeededRandom } from './random/seeded-random.ts';
export {
  EquityGuard,
  type EquityGuardState,
  type EquityStep,
  type GuardTrip,
  utcDay,
} from './risk/equity-guard.ts';
export { barInterval, type RiskEvent } from './risk/risk-events.ts';
export { RiskGuardedVenue, STOP_LOSS_REASON, type StopLoss } from './risk/risk-guarded-venue.ts';
export { parseRiskRules, type RiskRules } from './risk/risk-rules.ts';
export {
  type BreakoutParams,
  BreakoutStrategy,
  breakoutDefinition,
  ZBreakoutParams,
} from './strategies/breakout-strategy.ts';
export {
  type MeanReversionParams,
  MeanReversionStrategy,
  meanReversionDefinition,
  ZMeanReversionParams,
} from './strategies/mean-reversion-strategy.ts';
export {
  type MomentumParams,
  MomentumStrategy,
  momentumDefinition,
  ZMomentumParams,
} from './strategies/momentum-strategy.ts';
export {
  type MovingAverageParams,
  MovingAverageStrategy,
  movingAverageDefinition,
  ZMovingAverageParams,
} from './strategies/moving-average-strategy.ts';
export {
  checkLookahead,
  type LookaheadFinding,
  type LookaheadReport,
} from './strategy/lookahead-gate.ts';
export {
  moduleStrategyDefinition,
  paramsSchema,
  parseStrategyManifest,
  type StrategyModuleManifest,
  ZStrategyModuleManifest,
} from './strategy/module-definition.ts';
export { enterLong, exitLong } from './strategy/position-actions.ts';
export { entryQuantity, type Sizing, ZSizing } from './strategy/sizing.ts';
export type { Strategy, StrategyContext } from './strategy/strategy.ts';
export {
  defineStrategy,
  type ParameterAliases,
  type StrategyDefinition,
} from './strategy/strategy-definition.ts';
export {
  MAX_STRATEGY_SOURCE_BYTES,
  type ParameterSpec,
  type ParameterValues,
  type StrategyLogic,
  type StrategyModule,
  type StrategyToolkit,
} from './strategy/strategy-module.ts';
export {
  createStrategy,
  findStrategyDefinition,
  getStrategyDefinition,
  STRATEGY_REGISTRY,
} from './strategy/strategy-registry.ts';
export { STRATEGY_TOOLKIT } from './strategy/strategy-toolkit.ts';
export { TradingSession, type TradingSessionOptions } from './strategy/trading-session.ts';
