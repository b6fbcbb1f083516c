import { describe, expect, it } from 'vitest';
import { downsampleCurve } from './downsample-curve.ts';

describe('downsampleCurve', () => {
  it('keeps a short curve as it is, in plain arrays', () => {
    const curve = { times: [1, 2, 3], equity: [10, 11, 9], drawdown: [0, 0, 0.18] };
    expect(downsampleCurve(curve, 3)).toEqual(curve);
    const typed = {
      times: new Float64Array([1, 2]),
      equity: new Float64Array([10, 11]),
      drawdown: new Float64Array(2),
    };
    expect(downsampleCurve(typed, 3)).toEqual({
      times: [1, 2],
      equity: [10, 11],
      drawdown: [0, 0],
    });
  });

  it('keeps each run’s last point and worst drawdown, within the point budget', () => {
    const times = Array.from({ length: 10 }, (_, i) => i * 1000);
    const equity = [100, 101, 90, 95, 99, 102, 80, 85, 90, 104];
    const drawdown = [0, 0, 0.109, 0.059, 0.019, 0, 0.215, 0.166, 0.117, 0];
    const shrunk = downsampleCurve({ times, equity, drawdown }, 4);
    // Runs of 3: [0..2], [3..5], [6..8], [9].
    expect(shrunk.times).toEqual([2000, 5000, 8000, 9000]);
    expect(shrunk.equity).toEqual([90, 102, 90, 104]);
    expect(shrunk.drawdown).toEqual([0.109, 0.059, 0.215, 0]);
  });
});
