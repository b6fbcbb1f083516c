import { BACKTEST_DEFAULTS } from '@tradewind/core/backtest-defaults';
import type { Sizing } from '@tradewind/engine';
import { type Command, Option } from 'commander';
import { positiveNumber } from '../option-parsers.ts';
import { rate } from './backtest-option-parsers.ts';

/** The cost and sizing options `backtest run` and `optimize` share. */
export type CostOptions = {
  cash: number;
  commission: number;
  slippage: number;
  size?: number;
  percent?: number;
};

/** Adds `--cash`, `--commission`, `--slippage` and `--size` | `--percent` to `command`. */
export function addCostOptions(command: Command): Command {
  return command
    .option('--cash <amount>', 'initial cash', positiveNumber, BACKTEST_DEFAULTS.initialCapital)
    .option(
      '--commission <rate>',
      'commission per fill as a fraction of notional (0.001 = 0.1 %, as paper bots pay)',
      rate,
      BACKTEST_DEFAULTS.commission,
    )
    .option(
      '--slippage <rate>',
      'slippage against each fill as a fraction of price',
      rate,
      BACKTEST_DEFAULTS.slippage,
    )
    .addOption(
      new Option('--size <quantity>', 'fixed quantity per entry')
        .argParser(positiveNumber)
        .conflicts('percent'),
    )
    .addOption(
      new Option(
        '--percent <percent>',
        `size each entry as this percent of equity (default ${BACKTEST_DEFAULTS.sizing.percent}, as a balanced paper bot)`,
      ).argParser(positiveNumber),
    );
}

/** `--size` as a fixed quantity, else `--percent` (or the default) of equity. */
export function sizingOf(options: CostOptions): Sizing {
  return options.size !== undefined
    ? { type: 'fixed', quantity: options.size }
    : { ...BACKTEST_DEFAULTS.sizing, percent: options.percent ?? BACKTEST_DEFAULTS.sizing.percent };
}
