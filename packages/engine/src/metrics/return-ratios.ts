import { mean, sampleStandardDeviation } from './statistics.ts';

/**
 * Simple returns between consecutive equity points: `r[t] = equity[t] / equity[t-1] - 1`,
 * one fewer than the points. Flat bars count (as 0), as they do for any equity-curve ratio.
 */
export function simpleReturns(equity: ArrayLike<number>): Float64Array {
  const n = Math.max(0, equity.length - 1);
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) returns[i] = (equity[i + 1] as number) / (equity[i] as number) - 1;
  return returns;
}

/**
 * Annualised Sharpe ratio: `(mean(r) - rf/P) / stdev(r) * √P`, with `r` per-period simple
 * returns, `stdev` the sample standard deviation (n - 1), `P` periods per year (252 for daily
 * bars) and `rf` the annual risk-free rate (default 0) spread evenly over the periods.
 * `null` when undefined: fewer than two returns or zero volatility.
 */
export function sharpeRatio(
  returns: ArrayLike<number>,
  periodsPerYear: number,
  riskFreeRate = 0,
): number | null {
  const deviation = sampleStandardDeviation(returns);
  if (!(deviation > 0)) return null;
  return ((mean(returns) - riskFreeRate / periodsPerYear) / deviation) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised Sortino ratio: `(mean(r) - t) / DD * √P` with target `t = rf/P` and downside
 * deviation `DD = √(Σ min(0, r - t)² / n)` over all n returns (Sortino's definition: periods above
 * target count as zero, they are not dropped). `null` when there is no downside at all.
 */
export function sortinoRatio(
  returns: ArrayLike<number>,
  periodsPerYear: number,
  riskFreeRate = 0,
): number | null {
  const n = returns.length;
  if (n === 0) return null;
  const target = riskFreeRate / periodsPerYear;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const shortfall = Math.min(0, (returns[i] as number) - target);
    squares += shortfall * shortfall;
  }
  const downside = Math.sqrt(squares / n);
  if (!(downside > 0)) return null;
  return ((mean(returns) - target) / downside) * Math.sqrt(periodsPerYear);
}

/**
 * Compound annual growth rate: `(last / first)^(P / n) - 1`, where `n` is the number of periods
 * between the first and last equity points. -1 when equity is wiped out; `null` with no period.
 */
export function annualizedReturn(equity: ArrayLike<number>, periodsPerYear: number): number | null {
  const periods = equity.length - 1;
  if (periods < 1) return null;
  const first = equity[0] as number;
  const last = equity[periods] as number;
  if (!(first > 0)) return null;
  if (last <= 0) return -1;
  return (last / first) ** (periodsPerYear / periods) - 1;
}

/**
 * Calmar ratio: annualised return / max drawdown (drawdown as a positive fraction over the same
 * span, not the classic trailing 36 months). `null` when there was no drawdown.
 */
export function calmarRatio(annualized: number | null, maxDrawdown: number): number | null {
  if (annualized === null || !(maxDrawdown > 0)) return null;
  return annualized / maxDrawdown;
}
