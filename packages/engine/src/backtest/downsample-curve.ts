/** An equity curve and its drawdown at the same times. */
export type Curve = {
  readonly times: readonly number[];
  readonly equity: readonly number[];
  readonly drawdown: readonly number[];
};

/** A curve as recorded: plain arrays or typed ones. */
export type CurveInput = {
  readonly times: ArrayLike<number>;
  readonly equity: ArrayLike<number>;
  readonly drawdown: ArrayLike<number>;
};

/**
 * Shrinks a curve to at most `maxPoints` by cutting it into equal runs of consecutive points:
 * each run keeps its last time and equity (so the final equity survives exactly) and its worst
 * drawdown (so the deepest fall stays visible however far the curve is shrunk).
 */
export function downsampleCurve(curve: CurveInput, maxPoints: number): Curve {
  const length = curve.times.length;
  // Runs of one point: a copy in plain arrays.
  const run = Math.max(1, Math.ceil(length / maxPoints));
  const times: number[] = [];
  const equity: number[] = [];
  const drawdown: number[] = [];
  for (let start = 0; start < length; start += run) {
    const end = Math.min(start + run, length);
    let worst = 0;
    for (let i = start; i < end; i++) worst = Math.max(worst, curve.drawdown[i] as number);
    times.push(curve.times[end - 1] as number);
    equity.push(curve.equity[end - 1] as number);
    drawdown.push(worst);
  }
  return { times, equity, drawdown };
}
