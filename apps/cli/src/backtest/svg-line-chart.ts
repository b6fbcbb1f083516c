/** Drawing area and margins of a chart, in SVG user units. */
const WIDTH = 960;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 28, left: 84 };
/** More points than pixels only adds bytes. */
const MAX_POINTS = 1200;

export type LineChart = {
  /** Element id, for links and tests. */
  readonly id: string;
  readonly title: string;
  readonly times: readonly number[];
  readonly values: readonly number[];
  readonly color: string;
  readonly formatValue: (value: number) => string;
  readonly formatTime: (time: number) => string;
  /** Fill between the line and this value (drawdown against 0). */
  readonly fillTo?: number;
  /** Draw larger values lower (drawdown grows downwards). */
  readonly inverted?: boolean;
};

/**
 * A self-contained SVG line chart (no script, no external resource) with y gridlines and x
 * labels. Long series are thinned to {@link MAX_POINTS} by keeping each slice's extreme point,
 * so a sharp drawdown stays visible.
 */
export function svgLineChart(chart: LineChart): string {
  const count = Math.min(chart.times.length, chart.values.length);
  const indexes = thin(chart.values, count, chart.inverted === true);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const index of indexes) {
    const value = chart.values[index] as number;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (chart.fillTo !== undefined) {
    low = Math.min(low, chart.fillTo);
    high = Math.max(high, chart.fillTo);
  }
  if (!(high > low)) {
    high = low + 1;
  }
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const firstTime = chart.times[0] ?? 0;
  const lastTime = chart.times[count - 1] ?? firstTime + 1;
  const span = lastTime > firstTime ? lastTime - firstTime : 1;
  const x = (time: number) => MARGIN.left + ((time - firstTime) / span) * plotWidth;
  const y = (value: number) => {
    const share = (value - low) / (high - low);
    return MARGIN.top + (chart.inverted ? share : 1 - share) * plotHeight;
  };
  const points = indexes
    .map(
      (index) =>
        `${round(x(chart.times[index] as number))},${round(y(chart.values[index] as number))}`,
    )
    .join(' ');
  const grid: string[] = [];
  for (let step = 0; step <= 4; step++) {
    const value = low + ((high - low) * step) / 4;
    const level = round(y(value));
    grid.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${level}" y2="${level}" class="grid"/>`,
      `<text x="${MARGIN.left - 6}" y="${level + 4}" text-anchor="end">${escapeHtml(chart.formatValue(value))}</text>`,
    );
  }
  for (let step = 0; step <= 4; step++) {
    const time = firstTime + (span * step) / 4;
    const anchor = step === 0 ? 'start' : step === 4 ? 'end' : 'middle';
    grid.push(
      `<text x="${round(x(time))}" y="${HEIGHT - 8}" text-anchor="${anchor}">${escapeHtml(chart.formatTime(time))}</text>`,
    );
  }
  const area =
    chart.fillTo === undefined || indexes.length === 0
      ? ''
      : `<polygon points="${round(x(chart.times[indexes[0] as number] as number))},${round(y(chart.fillTo))} ${points} ${round(x(chart.times[indexes.at(-1) as number] as number))},${round(y(chart.fillTo))}" fill="${chart.color}" fill-opacity="0.25" stroke="none"/>`;
  return [
    `<svg id="${chart.id}" class="chart" role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" data-points="${indexes.length}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    ...grid,
    area,
    `<polyline points="${points}" fill="none" stroke="${chart.color}" stroke-width="1.5"/>`,
    '</svg>',
  ].join('\n');
}

/** Indexes to draw: all of them, or per slice the one furthest from the slice's start value. */
function thin(values: readonly number[], count: number, keepLargest: boolean): number[] {
  if (count <= MAX_POINTS) return Array.from({ length: count }, (_, index) => index);
  const indexes: number[] = [];
  for (let slice = 0; slice < MAX_POINTS; slice++) {
    const from = Math.floor((slice * count) / MAX_POINTS);
    const to = Math.floor(((slice + 1) * count) / MAX_POINTS);
    let pick = from;
    for (let i = from + 1; i < to; i++) {
      const value = values[i] as number;
      const best = values[pick] as number;
      if (keepLargest ? value > best : value < best) pick = i;
    }
    indexes.push(pick);
  }
  return indexes;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
