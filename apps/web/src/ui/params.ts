/** The engine's built-in algorithms, as the start-bot and backtest forms offer them. */
export const STRATEGIES = ['MovingAverage', 'Momentum', 'MeanReversion', 'Breakout'] as const;
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '6h', '1d', '3d'] as const;

/** `key=value, key=value` to strategy parameters: numbers and true/false typed, as the CLI does. */
export function parseParams(text: string): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key = '', value = ''] = pair.split('=').map((part) => part.trim());
    params[key] =
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : value !== '' && !Number.isNaN(Number(value))
            ? Number(value)
            : value;
  }
  return params;
}
