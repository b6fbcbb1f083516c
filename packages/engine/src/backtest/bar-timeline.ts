import type { BarSeries } from '../data/bar-series.ts';

/**
 * Visits the bars of several symbols in time order, one time step at a time: `visit(symbol
 * index, bar index)` for each bar, then `endStep(time)` once per distinct time. Bars sharing a
 * time are visited in the order the series were given, so runs are reproducible.
 */
export function walkTimeline(
  series: readonly BarSeries[],
  visit: (symbolIndex: number, barIndex: number) => void,
  endStep: (time: number) => void,
): void {
  if (series.length === 1) {
    // One symbol: every bar is its own time step, no merging needed.
    const only = series[0] as BarSeries;
    const times = only.time;
    for (let i = 0; i < only.length; i++) {
      visit(0, i);
      endStep(times[i] as number);
    }
    return;
  }
  const cursors = new Array<number>(series.length).fill(0);
  for (;;) {
    let time = Number.POSITIVE_INFINITY;
    for (let s = 0; s < series.length; s++) {
      const { time: times, length } = series[s] as BarSeries;
      const cursor = cursors[s] as number;
      if (cursor < length && (times[cursor] as number) < time) time = times[cursor] as number;
    }
    if (time === Number.POSITIVE_INFINITY) return;
    for (let s = 0; s < series.length; s++) {
      const { time: times, length } = series[s] as BarSeries;
      const cursor = cursors[s] as number;
      if (cursor >= length || times[cursor] !== time) continue;
      cursors[s] = cursor + 1;
      visit(s, cursor);
    }
    endStep(time);
  }
}
