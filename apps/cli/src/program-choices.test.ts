import {
  ZBotMode,
  ZBotStatus,
  ZRiskLevel,
  ZRiskMode,
  ZStrategyCategory,
  ZStrategyEventType,
  ZStrategyListInput,
  ZStrategyPerformancePeriod,
  ZStrategyStatus,
  ZTimeframe,
  ZTradingViewSignalStatus,
} from '@tradewind/core';
import { STRATEGY_REGISTRY } from '@tradewind/engine';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.ts';

const listInput = ZStrategyListInput.unwrap().shape;

/** Every `--option` that offers choices, as `command subcommand --option` -> its choices. */
function choicesOf(command: Command, path: string[] = []): Map<string, readonly string[]> {
  const found = new Map<string, readonly string[]>();
  for (const option of command.options) {
    if (option.argChoices) found.set([...path, option.long].join(' '), option.argChoices);
  }
  for (const sub of command.commands) {
    for (const [key, choices] of choicesOf(sub, [...path, sub.name()])) found.set(key, choices);
  }
  return found;
}

describe('the CLI offers exactly the API enum values', () => {
  const choices = choicesOf(buildProgram());
  const expected: Array<[string, readonly string[]]> = [
    ['bots start --timeframe', ZTimeframe.options],
    ['bots start --mode', ZBotMode.options],
    ['bots start --risk-mode', ZRiskMode.options],
    ['bots list --status', ZBotStatus.options],
    ['bots list --mode', ZBotMode.options],
    ['market import --timeframe', ZTimeframe.options],
    ['market candles --timeframe', ZTimeframe.options],
    ['market sync --timeframe', ZTimeframe.options],
    ['strategies list --category', ZStrategyCategory.options],
    ['strategies list --status', ZStrategyStatus.options],
    ['strategies list --risk-level', ZRiskLevel.options],
    ['strategies list --scope', listInput.scope.unwrap().options],
    ['strategies list --sort-by', listInput.sortBy.unwrap().options],
    ['strategies create --category', ZStrategyCategory.options],
    ['strategies create --risk-level', ZRiskLevel.options],
    ['strategies create --timeframe', ZTimeframe.options],
    ['strategies update --category', ZStrategyCategory.options],
    ['strategies update --risk-level', ZRiskLevel.options],
    ['strategies update --timeframe', ZTimeframe.options],
    ['strategies performance --period', ZStrategyPerformancePeriod.options],
    ['strategies history --type', ZStrategyEventType.options],
    ['strategies templates --category', ZStrategyCategory.options],
    ['strategies templates --risk-level', ZRiskLevel.options],
    ['tradingview signals --status', ZTradingViewSignalStatus.options],
  ];

  it.each(expected)('%s', (option, values) => {
    expect(choices.get(option)).toEqual(values);
  });
});

describe("the CLI names the engine registry's algorithms", () => {
  it('lists every built-in algorithm in `strategies create --algorithm`', () => {
    const create = buildProgram()
      .commands.find((command) => command.name() === 'strategies')
      ?.commands.find((command) => command.name() === 'create');
    const algorithm = create?.options.find((option) => option.long === '--algorithm');
    const listed = algorithm?.description.split(': ')[1]?.split(', ');
    expect(listed).toEqual([...STRATEGY_REGISTRY.keys()]);
  });
});
