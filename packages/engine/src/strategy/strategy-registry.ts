import { DomainError } from '@tradewind/core';
import { breakoutDefinition } from '../strategies/breakout-strategy.ts';
import { meanReversionDefinition } from '../strategies/mean-reversion-strategy.ts';
import { momentumDefinition } from '../strategies/momentum-strategy.ts';
import { movingAverageDefinition } from '../strategies/moving-average-strategy.ts';
import type { Strategy } from './strategy.ts';
import type { ParameterAliases, StrategyDefinition } from './strategy-definition.ts';

/**
 * The one alias table: the snake_case names other APIs give the same parameters (seed 002's
 * `fast_period`, `slow_period`, `signal_period`, ...), each to the algorithm's own name.
 * `strategies.templates` lists them; stored parameters always use the own names.
 */
const PARAMETER_ALIASES: Readonly<Record<string, ParameterAliases>> = {
  MovingAverage: { fast_period: 'fast', slow_period: 'slow' },
  Momentum: { fast_period: 'fast', slow_period: 'slow', signal_period: 'signal' },
  MeanReversion: {
    rsi_period: 'period',
    oversold_threshold: 'oversold',
    overbought_threshold: 'overbought',
  },
  Breakout: { lookback_period: 'period', std_dev: 'stdDev' },
};

/** The built-in algorithms by name, in the order the API lists them. */
export const STRATEGY_REGISTRY: ReadonlyMap<string, StrategyDefinition> = new Map(
  [movingAverageDefinition, momentumDefinition, meanReversionDefinition, breakoutDefinition].map(
    (definition) => [
      definition.name,
      definition.withParameterAliases(PARAMETER_ALIASES[definition.name] ?? {}),
    ],
  ),
);

// Names are matched ignoring case, spaces, `-` and `_`: `momentum`, `moving_average`.
const lookupKey = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const BY_LOOKUP_KEY = new Map(
  [...STRATEGY_REGISTRY.values()].map((definition) => [lookupKey(definition.name), definition]),
);

/** The definition registered as `name` (any case: `momentum` is `Momentum`), if any. */
export function findStrategyDefinition(name: string): StrategyDefinition | undefined {
  return BY_LOOKUP_KEY.get(lookupKey(name));
}

/**
 * The definition registered as `name`, matched ignoring case; its `name` is the canonical one.
 * @throws DomainError `VALIDATION_ERROR` naming the unknown strategy and the known ones.
 */
export function getStrategyDefinition(name: string): StrategyDefinition {
  const definition = findStrategyDefinition(name);
  if (definition === undefined) {
    const known = [...STRATEGY_REGISTRY.keys()].join(', ');
    throw new DomainError(
      'VALIDATION_ERROR',
      `Unknown strategy "${name}"; known strategies: ${known}`,
      { field: 'strategy' },
    );
  }
  return definition;
}

/**
 * A fresh instance of the named strategy with validated parameters (defaults for missing ones).
 * @throws DomainError `VALIDATION_ERROR` for an unknown name or a bad parameter, naming it.
 */
export function createStrategy(name: string, params?: unknown): Strategy {
  return getStrategyDefinition(name).create(params);
}
