import { DomainError } from '@tradewind/core';
import { lowerIsBetter, type RankingMetric } from '../analysis/metric-ranking.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { pointToParams, type SearchSpace, validateSearch } from './search-space.ts';
import { proposeTpe, randomPoint, type ScoredPoint } from './tpe-sampler.ts';
import type { TrialAnswer, TrialRequest } from './trial.ts';

export type OptimiseMethod = 'random' | 'tpe';

export type OptimiseSettings = {
  readonly strategy: string;
  readonly space: SearchSpace;
  readonly trials: number;
  readonly method: OptimiseMethod;
  readonly seed: number;
  /** The in-sample metric to optimise. */
  readonly objective: RankingMetric;
  /** A trial with fewer closed trades is infeasible. */
  readonly minTrades?: number;
  /** A trial whose max drawdown (a fraction) is deeper is infeasible. */
  readonly maxDrawdown?: number;
  /** Stop once this many trials in a row have not improved on the best. */
  readonly patience?: number;
  /**
   * Trials proposed together, then evaluated (in parallel where workers exist) before the next
   * proposals: fixed, so the same seed gives the same trials whatever the number of workers.
   */
  readonly batchSize?: number;
  /** The best trials also run out of sample, ranked beside their in-sample score. Default 10. */
  readonly topTrials?: number;
};

export type Trial = {
  /** 0-based, in proposal order. */
  readonly index: number;
  readonly params: Readonly<Record<string, number>>;
  /** The objective in sample; null: infeasible. */
  readonly score: number | null;
  /** Why it is infeasible: a constraint broken or invalid parameters. */
  readonly infeasible: string | null;
  readonly metrics: PerformanceMetrics | null;
};

export type RankedTrial = Trial & {
  readonly rank: number;
  /** The objective on the out-of-sample bars: far below `score` means overfitting. */
  readonly outOfSampleScore: number | null;
  readonly outOfSampleMetrics: PerformanceMetrics | null;
};

export type OptimiseResult = {
  readonly trials: readonly Trial[];
  /** The best feasible trials, best first, each with its out-of-sample score. */
  readonly ranked: readonly RankedTrial[];
  /** True when `patience` ended the search before `trials`. */
  readonly stoppedEarly: boolean;
};

/** Evaluates a batch of trial requests, in any order internally; answers in request order. */
export type TrialEvaluator = (requests: readonly TrialRequest[]) => Promise<TrialAnswer[]>;

export const DEFAULT_BATCH_SIZE = 8;
const MAX_REDRAWS = 10;

/**
 * Searches `settings.space` for the parameters that maximise (or, for risks and costs,
 * minimise) the objective in sample: seeded random search or TPE, under the constraints,
 * stopping early after `patience` trials without improvement. The sampler only ever sees whole
 * batches, and identical parameters are evaluated once, so results depend on the seed and
 * settings, never on how `evaluate` spreads the work.
 *
 * @throws DomainError `VALIDATION_ERROR` for a bad space or trial count (see `validateSearch`).
 */
export async function optimise(
  settings: OptimiseSettings,
  evaluate: TrialEvaluator,
  onProgress?: (trialsDone: number, totalTrials: number) => void,
): Promise<OptimiseResult> {
  validateSearch(settings.strategy, settings.space, settings.trials);
  const batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DomainError('VALIDATION_ERROR', 'batchSize must be a whole number from 1', {
      field: 'batchSize',
    });
  }
  const random = new SeededRandom(settings.seed);
  const sign = lowerIsBetter(settings.objective) ? -1 : 1;
  const dimensions = settings.space.length;
  const history: ScoredPoint[] = [];
  const trials: Trial[] = [];
  const answers = new Map<string, TrialAnswer>();
  let best = Number.NEGATIVE_INFINITY;
  let sinceBest = 0;
  let stoppedEarly = false;
  const isKnown = (key: string) => answers.has(key) || fresh.includes(key);
  let fresh: string[] = [];

  while (trials.length < settings.trials) {
    const count = Math.min(batchSize, settings.trials - trials.length);
    const points: number[][] = [];
    const params: Record<string, number>[] = [];
    const keys: string[] = [];
    fresh = [];
    while (points.length < count) {
      // Whole-number spaces repeat points: draw again rather than re-run one, from the
      // sampler first, then (it has converged there) uniformly: exploring beats repeating.
      let point = propose(settings.method, random, dimensions, history);
      let key = JSON.stringify(pointToParams(settings.space, point));
      for (let retry = 0; retry < 2 * MAX_REDRAWS && isKnown(key); retry++) {
        point =
          retry < MAX_REDRAWS
            ? propose(settings.method, random, dimensions, history)
            : randomPoint(random, dimensions);
        key = JSON.stringify(pointToParams(settings.space, point));
      }
      if (!isKnown(key)) fresh.push(key);
      points.push(point);
      params.push(pointToParams(settings.space, point));
      keys.push(key);
    }
    const freshAnswers = await evaluate(
      fresh.map((key) => ({ params: JSON.parse(key) as Record<string, number>, sample: 'in' })),
    );
    for (const [i, key] of fresh.entries()) answers.set(key, freshAnswers[i] as TrialAnswer);
    points.forEach((point, i) => {
      const trial = scoreTrial(
        trials.length,
        params[i] as Record<string, number>,
        answers.get(keys[i] as string) as TrialAnswer,
        settings,
      );
      trials.push(trial);
      history.push({ point, score: trial.score === null ? null : sign * trial.score });
      if (trial.score !== null && sign * trial.score > best) {
        best = sign * trial.score;
        sinceBest = 0;
      } else sinceBest++;
    });
    onProgress?.(trials.length, settings.trials);
    if (settings.patience !== undefined && sinceBest >= settings.patience) {
      stoppedEarly = trials.length < settings.trials;
      break;
    }
  }
  return { trials, ranked: await rankTrials(trials, settings, sign, evaluate), stoppedEarly };
}

function propose(
  method: OptimiseMethod,
  random: SeededRandom,
  dimensions: number,
  history: readonly ScoredPoint[],
): number[] {
  return method === 'tpe'
    ? proposeTpe(random, dimensions, history)
    : randomPoint(random, dimensions);
}

function scoreTrial(
  index: number,
  params: Record<string, number>,
  answer: TrialAnswer,
  settings: OptimiseSettings,
): Trial {
  if ('invalid' in answer) {
    return { index, params, score: null, infeasible: answer.invalid, metrics: null };
  }
  const { metrics } = answer;
  const broken =
    settings.minTrades !== undefined && metrics.totalTrades < settings.minTrades
      ? `${metrics.totalTrades} trades, below the minimum ${settings.minTrades}`
      : settings.maxDrawdown !== undefined && metrics.maxDrawdown > settings.maxDrawdown
        ? `max drawdown ${metrics.maxDrawdown} beyond ${settings.maxDrawdown}`
        : null;
  const value = metrics[settings.objective];
  const infeasible = broken ?? (value === null ? `${settings.objective} is undefined` : null);
  return { index, params, score: infeasible === null ? value : null, infeasible, metrics };
}

/** The best distinct feasible trials, with their out-of-sample scores. */
async function rankTrials(
  trials: readonly Trial[],
  settings: OptimiseSettings,
  sign: number,
  evaluate: TrialEvaluator,
): Promise<RankedTrial[]> {
  const seen = new Set<string>();
  const best = trials
    .filter((trial) => trial.score !== null)
    .sort((a, b) => sign * ((b.score as number) - (a.score as number)) || a.index - b.index)
    .filter((trial) => {
      const key = JSON.stringify(trial.params);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, settings.topTrials ?? 10);
  const answers = await evaluate(best.map((trial) => ({ params: trial.params, sample: 'out' })));
  return best.map((trial, i) => {
    const answer = answers[i] as TrialAnswer;
    const metrics = 'metrics' in answer ? answer.metrics : null;
    return {
      ...trial,
      rank: i + 1,
      outOfSampleScore: metrics === null ? null : metrics[settings.objective],
      outOfSampleMetrics: metrics,
    };
  });
}
