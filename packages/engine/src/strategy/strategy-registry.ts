import { DomainError } from '@tradewind/core';
import { breakoutDefinition } from '../strategies/breakout-strategy.ts';
import { meanReversionDefinition } from '../strategies/mean-reversion-strategy.ts';
import { momentumDefinition } from '../strategies/momentum-strategy.ts';
import { movingAverageDefinition } from '../strategies/moving-average-strategy.ts';
import type { Strategy } from './strategy.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

/** The built-in algorithms by name, in the order the API lists them. */
export const STRATEGY_REGISTRY: ReadonlyMap<string, StrategyDefinition> = new Map(
  [movingAverageDefinition, momentumDefinition, meanReversionDefinition, breakoutDefinition].map(
    (definition) => [definition.name, definition],
  ),
);

/**
 * The definition registered as `name`.
 * @throws DomainError `VALIDATION_ERROR` naming the unknown strategy and the known ones.
 */
export function getStrategyDefinition(name: string): StrategyDefinition {
  const definition = STRATEGY_REGISTRY.get(name);
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
