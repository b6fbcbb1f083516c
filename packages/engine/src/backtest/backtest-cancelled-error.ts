/**
 * Thrown by `runBacktest` when its signal is aborted. Not a `DomainError`: cancelling is the
 * caller's own request, and the job runner records it as a cancelled backtest, not a failure.
 */
export class BacktestCancelledError extends Error {
  /** Bars processed before the run stopped. */
  readonly barsDone: number;

  constructor(barsDone: number) {
    super(`backtest cancelled after ${barsDone} bars`);
    this.name = 'BacktestCancelledError';
    this.barsDone = barsDone;
  }
}
