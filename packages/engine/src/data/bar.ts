/**
 * One closed OHLCV bar. `time` is the bar's open time in epoch milliseconds (UTC); prices and
 * volume are plain float64 numbers; see `PaperBroker` for the rounding policy.
 */
export type Bar = {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
};
