import type {
  AuthenticatedPrincipal,
  BacktestSummary,
  ZBacktestCompareInput,
  ZBacktestData,
  ZBacktestRunInput,
} from '@tradewind/core';
import type { z } from 'zod';
import type {
  BacktestJobSpec,
  ResolvedStrategy,
} from '../../runtime/backtests/backtest-job-spec.ts';
import type { BacktestRunner } from '../../runtime/backtests/backtest-runner.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { checkBacktestData } from './backtest-bars.ts';
import { backtestInstruments } from './backtest-instruments.ts';
import { SUMMARY_SELECT, toSummary } from './backtest-mapping.ts';
import { writeExactJson } from './exact-json.ts';
import { resolveStrategy } from './resolve-strategy.ts';

type Deps = Pick<ServiceDeps, 'db' | 'market' | 'venues' | 'now'> & {
  backtests: Pick<BacktestRunner, 'wake'>;
};
type RunInput = z.output<typeof ZBacktestRunInput>;
type CompareInput = z.output<typeof ZBacktestCompareInput>;

/**
 * Queues a backtest of one strategy or an ensemble. Everything is checked first (strategies
 * and their parameters, `execute` on saved ones, the data), so a bad request writes nothing.
 */
export async function submitBacktest(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: RunInput,
): Promise<BacktestSummary> {
  const client = deps.db.prisma;
  const { strategy } = input;
  const strategies =
    strategy.type === 'ensemble'
      ? await Promise.all(
          strategy.members.map((member, index) =>
            resolveStrategy(
              client,
              principal,
              member.strategy,
              `strategy.members.${index}.strategy`,
              member.weight,
            ).then((resolved) => ({ ...resolved, label: member.label ?? resolved.label })),
          ),
        )
      : [await resolveStrategy(client, principal, strategy, 'strategy')];
  const spec: BacktestJobSpec = {
    ...settingsOf(input),
    kind: strategy.type === 'ensemble' ? 'ensemble' : 'backtest',
    name: input.name ?? defaultName(strategy.type === 'ensemble' ? 'Ensemble' : null, strategies),
    risk: input.risk ?? null,
    strategies,
    ensemble:
      strategy.type === 'ensemble'
        ? { rebalance: strategy.rebalance, riskManagement: strategy.riskManagement }
        : null,
    comparison: null,
    monteCarlo: input.includeMonteCarlo ? { runs: input.monteCarloRuns } : null,
    walkForward: input.walkForward
      ? {
          window: input.walkForwardWindow,
          outOfSample: input.walkForwardOutOfSample ?? null,
          grid: input.walkForwardGrid ?? null,
          optimizeFor: input.walkForwardOptimize ?? null,
        }
      : null,
  };
  return enqueue(deps, principal, spec, csvOf(input.data));
}

/** Queues a comparison of 2-10 strategies over the same bars and costs, ranked on metrics. */
export async function submitComparison(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: CompareInput,
): Promise<BacktestSummary> {
  const strategies: ResolvedStrategy[] = [];
  for (const [index, ref] of input.strategies.entries()) {
    strategies.push(await resolveStrategy(deps.db.prisma, principal, ref, `strategies.${index}`));
  }
  // Two contenders with one label would be indistinguishable in the ranking.
  const seen = new Map<string, number>();
  for (const strategy of strategies) {
    const count = (seen.get(strategy.label) ?? 0) + 1;
    seen.set(strategy.label, count);
    if (count > 1) strategy.label = `${strategy.label} #${count}`;
  }
  const spec: BacktestJobSpec = {
    ...settingsOf(input),
    kind: 'compare',
    name: input.name ?? defaultName('Compare', strategies),
    strategies,
    ensemble: null,
    comparison: { metrics: input.metrics, rankBy: input.rankBy ?? null },
    monteCarlo: null,
    walkForward: null,
  };
  return enqueue(deps, principal, spec, csvOf(input.data));
}

async function enqueue(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  spec: BacktestJobSpec,
  csv: string | null,
): Promise<BacktestSummary> {
  await checkBacktestData(deps, principal.userId, spec.data, csv);
  // Read before anything is written: an unreachable exchange leaves no job behind.
  const instruments = await backtestInstruments(deps, spec.data);
  const job = instruments === null ? spec : { ...spec, instruments };
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.backtest.create({
      data: { userId: principal.userId, kind: job.kind, name: job.name, request: {}, csv },
      select: SUMMARY_SELECT,
    });
    await writeExactJson(tx, created.id, { request: job });
    return created;
  });
  deps.backtests.wake();
  return toSummary(row);
}

function settingsOf(
  input: RunInput | CompareInput,
): Omit<
  BacktestJobSpec,
  'kind' | 'name' | 'strategies' | 'ensemble' | 'comparison' | 'monteCarlo' | 'walkForward'
> {
  const { data } = input;
  return {
    data: {
      source: data.source,
      symbols: data.source === 'csv' ? [data.symbol] : data.symbols,
      timeframe: data.timeframe,
      start: data.start ?? null,
      end: data.end ?? null,
      seed: data.source === 'simulator' ? (data.seed ?? null) : null,
      ...(data.source === 'candles' && { venue: data.venue }),
    },
    initialCapital: input.initialCapital,
    commission: input.commission,
    slippage: input.slippage,
    sizing: input.sizing,
    seed: input.seed,
    periodsPerYear: input.periodsPerYear ?? null,
  };
}

function csvOf(data: z.output<typeof ZBacktestData>): string | null {
  return data.source === 'csv' ? data.csv : null;
}

function defaultName(prefix: string | null, strategies: readonly ResolvedStrategy[]): string {
  const labels = strategies.map((strategy) => strategy.label).join(', ');
  const name = prefix === null ? labels : `${prefix}: ${labels}`;
  return name.length > 100 ? `${name.slice(0, 99)}…` : name;
}
