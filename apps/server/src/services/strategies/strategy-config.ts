import {
  DomainError,
  type RiskLevel,
  type StrategyCategory,
  type Timeframe,
  type ZStrategyParams,
} from '@tradewind/core';
import {
  findStrategyDefinition,
  STRATEGY_REGISTRY,
  type StrategyDefinition,
} from '@tradewind/engine';
import type { z } from 'zod';

/** A strategy's configuration once its algorithm is known and its parameters checked. */
export type ResolvedConfig = {
  name: string;
  description: string | null;
  algorithm: string;
  category: StrategyCategory;
  parameters: z.output<typeof ZStrategyParams>;
  riskLevel: RiskLevel;
  tags: string[];
  timeframe: Timeframe;
  symbols: string[];
};

/**
 * The built-in algorithm named `algorithm` (any case), else the first one of `category`.
 * @throws DomainError `VALIDATION_ERROR` naming the unknown algorithm and the known ones.
 */
export function resolveAlgorithm(
  algorithm: string | undefined,
  category: StrategyCategory | undefined,
): StrategyDefinition {
  const definitions = [...STRATEGY_REGISTRY.values()];
  const definition =
    algorithm === undefined
      ? definitions.find((candidate) => candidate.category === category)
      : findStrategyDefinition(algorithm);
  if (definition === undefined) {
    const known = definitions.map((candidate) => candidate.name).join(', ');
    throw new DomainError(
      'VALIDATION_ERROR',
      algorithm === undefined
        ? `config.category: no built-in algorithm of category "${category}"`
        : `config.algorithm: unknown algorithm "${algorithm}"; known algorithms: ${known}`,
      { field: algorithm === undefined ? 'config.category' : 'config.algorithm' },
    );
  }
  return definition;
}

/**
 * Checks `parameters` against the algorithm's schema and completes them with its defaults, or
 * keeps them as given when validation is off (the bot validates them again when it starts).
 * Aliases (`fast_period`) are stored under the algorithm's own names (`fast`).
 * @throws DomainError `VALIDATION_ERROR` naming the bad parameter as sent
 * (`config.parameters.fast_period`).
 */
export function checkParameters(
  definition: StrategyDefinition,
  parameters: z.output<typeof ZStrategyParams>,
  validate: boolean,
): z.output<typeof ZStrategyParams> {
  if (!validate) return parameters;
  return definition.parseParams(parameters, 'config.parameters') as z.output<
    typeof ZStrategyParams
  >;
}
