import { DomainError, type RiskLevel, type StrategyCategory } from '@tradewind/core';
import type { core, z } from 'zod';
import type { Strategy } from './strategy.ts';

/** Other names callers may give a parameter (`fast_period`), each to its own name (`fast`). */
export type ParameterAliases = Readonly<Record<string, string>>;

/** A registered algorithm: what the strategies API lists, and how to build one. */
export type StrategyDefinition = {
  readonly name: string;
  readonly description: string;
  readonly category: StrategyCategory;
  readonly riskLevel: RiskLevel;
  /** Validates and completes parameters (missing ones take their defaults, unknown ones fail). */
  readonly paramsSchema: z.ZodType<Record<string, unknown>>;
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Accepted alias -> the parameter's own name (see the registry's alias table). */
  readonly parameterAliases: ParameterAliases;
  /**
   * Validates `params` (missing ones take defaults) and returns a fresh instance for one symbol.
   * @throws DomainError `VALIDATION_ERROR` naming the bad parameter.
   */
  create(params?: unknown): Strategy;
  /**
   * Validates `params` (aliases become the parameters' own names) and returns them completed
   * with defaults. `path` is where the caller sent them (`params`, `config.parameters`): an
   * error's field is that path and the parameter's name as the caller spelled it.
   */
  parseParams(params?: unknown, path?: string): Record<string, unknown>;
  /** The same algorithm, accepting these aliases too. */
  withParameterAliases(aliases: ParameterAliases): StrategyDefinition;
};

type Spec<Schema extends z.ZodType<Record<string, unknown>>> = {
  name: string;
  description: string;
  category: StrategyCategory;
  riskLevel: RiskLevel;
  paramsSchema: Schema;
  create(params: z.output<Schema>): Strategy;
};

/** Builds a {@link StrategyDefinition} whose `create` takes the schema's typed output. */
export function defineStrategy<Schema extends z.ZodType<Record<string, unknown>>>(
  spec: Spec<Schema>,
  parameterAliases: ParameterAliases = {},
): StrategyDefinition {
  const parseParams = (params: unknown = {}, path = 'params'): z.output<Schema> => {
    const { renamed, sentAs } = applyAliases(spec.name, params, parameterAliases, path);
    const parsed = spec.paramsSchema.safeParse(renamed);
    if (!parsed.success) throw parameterError(spec.name, parsed.error.issues, path, sentAs);
    return parsed.data;
  };
  return {
    name: spec.name,
    description: spec.description,
    category: spec.category,
    riskLevel: spec.riskLevel,
    paramsSchema: spec.paramsSchema,
    defaults: Object.freeze(parseParams({})),
    parameterAliases: Object.freeze({ ...parameterAliases }),
    create: (params) => spec.create(parseParams(params)),
    parseParams,
    withParameterAliases: (aliases) => defineStrategy(spec, aliases),
  };
}

/**
 * Renames aliased keys to the parameters' own names, remembering how each was sent.
 * @throws DomainError when a parameter is given twice (under its name and an alias).
 */
function applyAliases(
  strategy: string,
  params: unknown,
  aliases: ParameterAliases,
  path: string,
): { renamed: unknown; sentAs: Map<string, string> } {
  const sentAs = new Map<string, string>();
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return { renamed: params, sentAs };
  }
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const own = Object.hasOwn(aliases, key) ? (aliases[key] as string) : key;
    const earlier = sentAs.get(own);
    if (earlier !== undefined) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `Parameters "${earlier}" and "${key}" for ${strategy} are the same parameter; give one`,
        { field: `${path}.${key}` },
      );
    }
    sentAs.set(own, key);
    renamed[own] = value;
  }
  return { renamed, sentAs };
}

function parameterError(
  strategy: string,
  issues: readonly core.$ZodIssue[],
  path: string,
  sentAs: ReadonlyMap<string, string>,
): DomainError {
  const issue = issues[0];
  if (issue === undefined) {
    return new DomainError('VALIDATION_ERROR', `Invalid parameters for ${strategy}`);
  }
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return new DomainError('VALIDATION_ERROR', `Unknown parameter ${names} for ${strategy}`, {
      field: `${path}.${issue.keys[0]}`,
    });
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return new DomainError('VALIDATION_ERROR', `Parameters for ${strategy} must be an object`, {
      field: path,
    });
  }
  const [head, ...rest] = issue.path.map(String);
  const name = [sentAs.get(head as string) ?? head, ...rest].join('.');
  return new DomainError(
    'VALIDATION_ERROR',
    `Invalid parameter "${name}" for ${strategy}: ${issue.message}`,
    { field: `${path}.${name}` },
  );
}
