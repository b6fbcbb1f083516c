/**
 * The defaults of every backtest, whichever door runs it (the CLI's local run, server jobs
 * through tRPC, the SDK and REST): a backtest trades like a default (balanced) paper bot.
 *
 * - `initialCapital` 10,000.
 * - `commission` 0.001 (0.1 % of notional per fill), what paper bots pay (`PAPER_COMMISSION_RATE`).
 * - `slippage` 0.
 * - `sizing` 25 % of equity per entry in whole units, a balanced bot's `maxPositionPercent`.
 *   It leaves room for a next open that gaps up (100 % orders are then refused for funds).
 * - `seed` 1.
 * - Annualisation: from the bars themselves unless `periodsPerYear` is given (the bars per year
 *   the traded series has: about 252 for daily stock bars, 365 for daily crypto bars).
 *
 * No zod here: the CLI imports this at start-up without paying for the contracts.
 */
export const BACKTEST_DEFAULTS = {
  initialCapital: 10_000,
  commission: 0.001,
  slippage: 0,
  sizing: { type: 'percent_of_equity', percent: 25, lotSize: 1 },
  seed: 1,
} as const;

/** Rejected orders a result lists with their reasons (all of them are counted). */
export const MAX_LISTED_REJECTIONS = 5;
