import { DomainError, type RiskLevel, type StrategyCategory } from '@tradewind/core';
import type { core, z } from 'zod';
import type { Strategy } from './strategy.ts';

/** A registered algorithm: what the strategies API lists, and how to build one. */
export type StrategyDefinition = {
  readonly name: string;
  readonly description: string;
  readonly category: StrategyCategory;
  readonly riskLevel: RiskLevel;
  /** Validates and completes parameters (missing ones take their defaults, unknown ones fail). */
  readonly paramsSchema: z.ZodType<Record<string, unknown>>;
  readonly defaults: Readonly<Record<string, unknown>>;
  /**
   * Validates `params` (missing ones take defaults) and returns a fresh instance for one symbol.
   * @throws DomainError `VALIDATION_ERROR` naming the bad parameter.
   */
  create(params?: unknown): Strategy;
  /** Validates `params` and returns them completed with defaults. */
  parseParams(params?: unknown): Record<string, unknown>;
};

/** Builds a {@link StrategyDefinition} whose `create` takes the schema's typed output. */
export function defineStrategy<Schema extends z.ZodType<Record<string, unknown>>>(definition: {
  name: string;
  description: string;
  category: StrategyCategory;
  riskLevel: RiskLevel;
  paramsSchema: Schema;
  create(params: z.output<Schema>): Strategy;
}): StrategyDefinition {
  const parseParams = (params: unknown = {}): z.output<Schema> => {
    const parsed = definition.paramsSchema.safeParse(params);
    if (!parsed.success) throw parameterError(definition.name, parsed.error.issues);
    return parsed.data;
  };
  return {
    name: definition.name,
    description: definition.description,
    category: definition.category,
    riskLevel: definition.riskLevel,
    paramsSchema: definition.paramsSchema,
    defaults: Object.freeze(parseParams({})),
    create: (params) => definition.create(parseParams(params)),
    parseParams,
  };
}

function parameterError(strategy: string, issues: readonly core.$ZodIssue[]): DomainError {
  const issue = issues[0];
  if (issue === undefined) {
    return new DomainError('VALIDATION_ERROR', `Invalid parameters for ${strategy}`);
  }
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return new DomainError('VALIDATION_ERROR', `Unknown parameter ${names} for ${strategy}`, {
      field: `params.${issue.keys[0]}`,
    });
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return new DomainError('VALIDATION_ERROR', `Parameters for ${strategy} must be an object`, {
      field: 'params',
    });
  }
  const name = issue.path.join('.');
  return new DomainError(
    'VALIDATION_ERROR',
    `Invalid parameter "${name}" for ${strategy}: ${issue.message}`,
    { field: `params.${name}` },
  );
}
