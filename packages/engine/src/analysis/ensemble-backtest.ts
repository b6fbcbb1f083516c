import { DomainError } from '@tradewind/core';
import { z } from 'zod';
import { BacktestCancelledError } from '../backtest/backtest-cancelled-error.ts';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { BarCursor } from '../backtest/bar-cursor.ts';
import { walkTimeline } from '../backtest/bar-timeline.ts';
import { type BarSeries, isBarSeries, toBarSeries } from '../data/bar-series.ts';
import type { Fill } from '../execution/fill.ts';
import { PaperBroker } from '../execution/paper-broker.ts';
import { type ClosedTrade, RoundTripTracker } from '../execution/round-trip-tracker.ts';
import { drawdownCurve } from '../metrics/drawdown.ts';
import { observedPeriodsPerYear } from '../metrics/observed-periods-per-year.ts';
import { computeMetrics, type PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { periodId } from '../metrics/period-returns.ts';
import { EquityGuard } from '../risk/equity-guard.ts';
import { barInterval, type RiskEvent, stopLossEvent, tripEvents } from '../risk/risk-events.ts';
import { RiskGuardedVenue } from '../risk/risk-guarded-venue.ts';
import { hasRiskRules, ZRiskRules } from '../risk/risk-rules.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { getStrategyDefinition } from '../strategy/strategy-registry.ts';
import { TradingSession } from '../strategy/trading-session.ts';

/** How far the weights may be from summing to 1 (float input such as 0.1 + 0.2 + 0.7). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** Rebalancing and risk rules of an ensemble (seed 002: `rebalance_frequency`, `risk_management`). */
export const ZEnsembleSettings = z.strictObject({
  rebalance: z.enum(['never', 'daily', 'weekly', 'monthly']).default('daily'),
  /**
   * The risk rules (fractions), as every run applies them: the stop-loss and cooldown per member
   * account, the max drawdown and daily loss on the portfolio's equity (halting every member).
   */
  riskManagement: ZRiskRules.default({}),
});
export type EnsembleSettings = z.input<typeof ZEnsembleSettings>;

export type EnsembleMember = {
  readonly name: string;
  readonly params?: unknown;
  /** Share of the capital, > 0; all weights sum to 1. */
  readonly weight: number;
  readonly label?: string;
};

export type EnsembleOptions = Omit<BacktestOptions, 'strategy' | 'monteCarlo' | 'risk'> & {
  readonly members: readonly EnsembleMember[];
  readonly settings?: EnsembleSettings;
};

export type EnsembleMemberResult = {
  readonly label: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly weight: number;
  readonly finalEquity: number;
  readonly fills: number;
  /** Every fill of the member's account, in order (`fills` counts them). */
  readonly executions: readonly Fill[];
  readonly closedTrades: readonly ClosedTrade[];
};

export type EnsembleResult = {
  readonly members: readonly EnsembleMemberResult[];
  readonly rebalance: z.infer<typeof ZEnsembleSettings>['rebalance'];
  readonly rebalances: number;
  readonly riskEvents: readonly RiskEvent[];
  /** True once the max-drawdown rule stopped all trading. */
  readonly halted: boolean;
  readonly equityCurve: { readonly times: readonly number[]; readonly equity: readonly number[] };
  readonly drawdownCurve: readonly number[];
  /** The whole portfolio's metrics (trades of all members). */
  readonly metrics: PerformanceMetrics;
};

type Account = {
  readonly member: EnsembleMember;
  readonly label: string;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly broker: PaperBroker;
  /** The broker behind the risk rules, when there are any. */
  readonly guarded: RiskGuardedVenue | undefined;
  readonly session: TradingSession;
};

/**
 * Backtests weighted strategies as one portfolio. Each member trades its own account, funded
 * with its weight of the capital, through the same execution model as `runBacktest`.
 *
 * - Rebalancing, at the first bar of each new day/week/month: cash moves between accounts
 *   towards `weight × portfolio equity`; positions are never traded for it, so an account with
 *   more in positions than its target keeps them (it only gives up its cash).
 * - Risk rules: the same `RiskGuardedVenue` and `EquityGuard` as `runBacktest` and bots, so an
 *   ensemble of one member with weight 1 gives exactly the fills of `runBacktest` with the same
 *   rules. Stop-loss and cooldown act per member account; max drawdown and daily loss on the
 *   portfolio's equity, and their halt sells every member's positions at that close.
 *
 * @throws DomainError `VALIDATION_ERROR` for no members, weights that are not positive or do
 *   not sum to 1, bad settings, or anything `runBacktest` would refuse.
 */
export function runEnsembleBacktest(options: EnsembleOptions): EnsembleResult {
  const settings = parseSettings(options.settings);
  validateWeights(options.members);
  const symbols = Object.keys(options.bars);
  const series = symbols.map((symbol) => {
    const bars = options.bars[symbol];
    if (!(Array.isArray(bars) || isBarSeries(bars)) || bars.length === 0) {
      throw new DomainError('VALIDATION_ERROR', `bars.${symbol} must be a non-empty list of bars`, {
        field: `bars.${symbol}`,
      });
    }
    return isBarSeries(bars) ? bars : toBarSeries(bars);
  });
  if (symbols.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'bars must name at least one symbol', {
      field: 'bars',
    });
  }
  const rules = settings.riskManagement;
  const guardedRun = hasRiskRules(rules);
  const interval = barInterval(series);
  const accounts = options.members.map((member, index): Account => {
    const definition = getStrategyDefinition(member.name);
    const params = definition.parseParams(member.params);
    const broker = new PaperBroker({
      initialCash: options.initialCash * member.weight,
      commissionRate: options.commission ?? 0,
      slippageRate: options.slippage ?? 0,
      instruments: options.instruments,
    });
    const strategies: Record<string, Strategy> = {};
    for (const symbol of symbols) strategies[symbol] = definition.create(params);
    const guarded = guardedRun ? new RiskGuardedVenue(broker, rules, interval) : undefined;
    const session = new TradingSession({
      venue: guarded ?? broker,
      strategies,
      sizing: options.sizing,
      instruments: options.instruments,
      seed: (options.seed ?? 1) + index,
    });
    return {
      member,
      label: member.label ?? `${definition.name}#${index + 1}`,
      strategy: definition.name,
      params,
      broker,
      guarded,
      session,
    };
  });

  const venues = accounts.flatMap((account) => (account.guarded ? [account.guarded] : []));
  const equityGuard = guardedRun
    ? new EquityGuard(rules, venues, {
        equity: options.initialCash,
        peakEquity: options.initialCash,
        dayStartEquity: options.initialCash,
      })
    : undefined;
  const riskEvents: RiskEvent[] = [];
  // Bars before `startTime` only warm the strategies up, as in `runBacktest`.
  const tradeFrom = options.startTime ?? Number.NEGATIVE_INFINITY;
  const times: number[] = [];
  const equity: number[] = [];
  const cursor = new BarCursor();
  const totalBars = series.reduce((sum, bars) => sum + bars.length, 0);
  const progressEvery = Math.max(1, Math.ceil(totalBars / 100));
  let done = 0;
  let halted = false;
  let rebalances = 0;
  let lastPeriod = Number.NaN;

  walkTimeline(
    series,
    (symbolIndex, barIndex) => {
      const symbol = symbols[symbolIndex] as string;
      const bar = cursor.load(series[symbolIndex] as BarSeries, barIndex);
      for (const account of accounts) {
        if (bar.time >= tradeFrom) account.session.onBar(symbol, bar);
        else account.session.warmUp(symbol, bar);
      }
      done++;
      if (options.signal?.aborted) throw new BacktestCancelledError(done);
      if (options.onProgress !== undefined && done % progressEvery === 0 && done < totalBars) {
        options.onProgress(done, totalBars);
      }
    },
    (time) => {
      if (time < tradeFrom) return;
      if (settings.rebalance !== 'never' && !halted) {
        const period = periodId(time, settings.rebalance);
        if (!Number.isNaN(lastPeriod) && period !== lastPeriod) {
          rebalanceCash(accounts);
          rebalances++;
        }
        lastPeriod = period;
      }
      if (equityGuard !== undefined) {
        for (const account of accounts) {
          for (const stop of account.guarded?.takeStopLosses() ?? []) {
            riskEvents.push(stopLossEvent(stop, rules.stopLoss as number, account.label));
          }
        }
        const step = equityGuard.endStep(time);
        riskEvents.push(...tripEvents(time, step.trips));
        if (step.trips.length > 0) halted = true;
      }
      const total = accounts.reduce((sum, account) => sum + account.broker.equity(), 0);
      times.push(time);
      equity.push(total);
    },
  );
  for (const account of accounts) account.session.close();
  options.onProgress?.(done, totalBars);

  const members = accounts.map((account): EnsembleMemberResult => {
    const tracker = new RoundTripTracker();
    for (const fill of account.broker.fills) tracker.record(fill);
    return {
      label: account.label,
      strategy: account.strategy,
      params: account.params,
      weight: account.member.weight,
      finalEquity: account.broker.equity(),
      fills: account.broker.fills.length,
      executions: account.broker.fills,
      closedTrades: tracker.closedTrades,
    };
  });
  const allFills = accounts.flatMap((account) => account.broker.fills);
  return {
    members,
    rebalance: settings.rebalance,
    rebalances,
    riskEvents,
    halted,
    equityCurve: { times, equity },
    drawdownCurve: drawdownCurve(equity),
    metrics: computeMetrics({
      initialCash: options.initialCash,
      equity,
      tradePnls: members.flatMap((member) => member.closedTrades.map((trade) => trade.pnl)),
      totalFees: allFills.reduce((sum, fill) => sum + fill.fee, 0),
      periodsPerYear: options.periodsPerYear ?? observedPeriodsPerYear(times),
      riskFreeRate: options.riskFreeRate,
    }),
  };
}

function parseSettings(settings: EnsembleSettings | undefined) {
  const parsed = ZEnsembleSettings.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['settings', ...(issue?.path ?? [])].join('.');
    throw new DomainError('VALIDATION_ERROR', `${field}: ${issue?.message}`, { field });
  }
  return parsed.data;
}

function validateWeights(members: readonly EnsembleMember[]): void {
  if (members.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'an ensemble needs at least one strategy', {
      field: 'members',
    });
  }
  members.forEach((member, index) => {
    if (!(member.weight > 0) || !Number.isFinite(member.weight)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `weight of ${member.label ?? member.name} must be greater than 0 (got ${member.weight})`,
        { field: `members.${index}.weight` },
      );
    }
  });
  const sum = members.reduce((total, member) => total + member.weight, 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `strategy weights must sum to 1 (got ${Number(sum.toPrecision(10))})`,
      { field: 'members' },
    );
  }
}

/**
 * Moves cash towards each account's target (`weight × total equity`): accounts above target give
 * up to their whole cash, and what they give is shared among the accounts below target in
 * proportion to their shortfall.
 */
function rebalanceCash(accounts: readonly Account[]): void {
  const total = accounts.reduce((sum, account) => sum + account.broker.equity(), 0);
  const gaps = accounts.map((account) => account.member.weight * total - account.broker.equity());
  let pool = 0;
  accounts.forEach((account, index) => {
    const gap = gaps[index] as number;
    if (gap >= 0) return;
    const given = Math.min(-gap, account.broker.cash());
    account.broker.transferCash(-given);
    pool += given;
  });
  const shortfall = gaps.reduce((sum, gap) => (gap > 0 ? sum + gap : sum), 0);
  if (!(pool > 0) || !(shortfall > 0)) return;
  accounts.forEach((account, index) => {
    const gap = gaps[index] as number;
    if (gap > 0) account.broker.transferCash((pool * gap) / shortfall);
  });
}
