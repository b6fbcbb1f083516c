import {
  ColorType,
  createChart,
  type IChartApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';

export type ChartMarker = { time: number; side: 'BUY' | 'SELL' };

/** The theme's colours, read from the CSS variables so charts follow light and dark. */
export function chartColors() {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--color-muted').trim() || '#475569',
    line: style.getPropertyValue('--color-accent').trim() || '#0f766e',
    grid: style.getPropertyValue('--color-line').trim() || '#e2e8f0',
    gain: '#16a34a',
    loss: '#dc2626',
  };
}

/**
 * A TradingView Lightweight Chart in `container`, themed; its attribution logo stays on (the
 * library's Apache-2.0 notice asks for attribution; the footer and /NOTICE.txt carry it too).
 */
export function createThemedChart(container: HTMLElement, height: number): IChartApi {
  const palette = chartColors();
  const chart = createChart(container, {
    height,
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: 'transparent' },
      textColor: palette.text,
      attributionLogo: true,
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    timeScale: { timeVisible: true },
  });
  // The library's logo link has no text: name it, so every link on the page has a name.
  container
    .querySelector('a[href*="tradingview.com"]')
    ?.setAttribute('aria-label', 'Charts by TradingView');
  return chart;
}

/** Epoch ms to the chart's seconds. */
export const toSeconds = (time: number) => Math.floor(time / 1000) as UTCTimestamp;

/** Buy/sell markers on the times the series has (lightweight-charts drops the others). */
export function fillMarkers(
  markers: readonly ChartMarker[],
  seconds: ReadonlySet<number>,
): SeriesMarker<Time>[] {
  const palette = chartColors();
  return markers
    .map((marker) => ({ ...marker, time: toSeconds(marker.time) }))
    .filter((marker) => seconds.has(marker.time))
    .sort((a, b) => a.time - b.time)
    .map((marker) => ({
      time: marker.time,
      position: marker.side === 'BUY' ? 'belowBar' : 'aboveBar',
      shape: marker.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      color: marker.side === 'BUY' ? palette.gain : palette.loss,
      text: marker.side,
    }));
}
