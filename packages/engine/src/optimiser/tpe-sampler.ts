import type { SeededRandom } from '../random/seeded-random.ts';

/** A finished trial as the sampler sees it: its point in the unit cube and its score. */
export type ScoredPoint = {
  readonly point: readonly number[];
  /** Higher is better; null: infeasible (broke a constraint or invalid parameters). */
  readonly score: number | null;
};

/** Random trials before TPE starts modelling (TPE's usual start-up). */
export const TPE_STARTUP_TRIALS = 16;
/** The share of scored trials counted as good. */
const GAMMA = 0.25;
/** Candidates drawn from the good trials' density per proposal. */
const CANDIDATES = 24;

/** A point drawn uniformly from the unit cube of `dimensions` coordinates. */
export function randomPoint(random: SeededRandom, dimensions: number): number[] {
  return Array.from({ length: dimensions }, () => random.next());
}

/**
 * One proposal of the Tree-structured Parzen Estimator (Bergstra et al. 2011), per coordinate
 * independently, in the unit cube: the scored trials split into good (the best `GAMMA`) and the
 * rest; each side's density is a mixture of Gaussians at its points (plus a uniform prior);
 * of `CANDIDATES` points drawn from the good density, the one with the highest ratio
 * good / rest is proposed. Infeasible trials count as bad. Random until
 * `TPE_STARTUP_TRIALS` trials are scored.
 */
export function proposeTpe(
  random: SeededRandom,
  dimensions: number,
  history: readonly ScoredPoint[],
): number[] {
  if (history.length < TPE_STARTUP_TRIALS) return randomPoint(random, dimensions);
  const ranked = [...history].sort(
    (a, b) => (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY),
  );
  const feasible = ranked.filter((trial) => trial.score !== null).length;
  const goodCount = Math.max(1, Math.min(feasible, Math.ceil(GAMMA * history.length)));
  if (feasible === 0) return randomPoint(random, dimensions);
  const good = ranked.slice(0, goodCount).map((trial) => trial.point);
  const bad = ranked.slice(goodCount).map((trial) => trial.point);
  const goodWidth = bandwidth(good.length);
  const badWidth = bandwidth(bad.length);
  let best: number[] = [];
  let bestRatio = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < CANDIDATES; c++) {
    const candidate: number[] = [];
    let ratio = 0;
    for (let d = 0; d < dimensions; d++) {
      const centres = good.map((point) => point[d] as number);
      const x = sampleMixture(random, centres, goodWidth);
      candidate.push(x);
      ratio += Math.log(density(x, centres, goodWidth));
      ratio -= Math.log(
        density(
          x,
          bad.map((point) => point[d] as number),
          badWidth,
        ),
      );
    }
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = candidate;
    }
  }
  return best;
}

/** Kernel width in the unit interval: narrower as points accumulate (Scott's n^-1/5). */
function bandwidth(points: number): number {
  return Math.max(0.02, 0.5 * (points + 1) ** -0.2);
}

/** A draw from the mixture: the uniform prior with weight 1/(n+1), else a kernel, clipped. */
function sampleMixture(random: SeededRandom, centres: readonly number[], width: number): number {
  const pick = Math.floor(random.next() * (centres.length + 1));
  if (pick === centres.length) return random.next();
  const x = (centres[pick] as number) + random.nextGaussian() * width;
  return Math.min(1, Math.max(0, x));
}

/** The mixture's density at `x`: uniform prior and Gaussian kernels, equally weighted. */
function density(x: number, centres: readonly number[], width: number): number {
  let sum = 1;
  for (const centre of centres) {
    const z = (x - centre) / width;
    sum += Math.exp(-0.5 * z * z) / (width * Math.sqrt(2 * Math.PI));
  }
  return sum / (centres.length + 1);
}
