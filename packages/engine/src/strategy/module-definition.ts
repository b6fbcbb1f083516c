import { DomainError, ZRiskLevel, ZStrategyCategory } from '@tradewind/core';
import { z } from 'zod';
import type { Strategy } from './strategy.ts';
import { defineStrategy, type StrategyDefinition } from './strategy-definition.ts';
import type {
  ParameterSpec,
  ParameterValues,
  StrategyLogic,
  StrategyModule,
  StrategyToolkit,
} from './strategy-module.ts';
import { STRATEGY_TOOLKIT } from './strategy-toolkit.ts';

const ZNumberSpec = z.strictObject({
  type: z.enum(['integer', 'number']),
  default: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  description: z.string().max(500).optional(),
});
const ZBooleanSpec = z.strictObject({
  type: z.literal('boolean'),
  default: z.boolean(),
  description: z.string().max(500).optional(),
});
const ZParameterName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier');

/** What a strategy file declares besides its code: checked before anything runs. */
export const ZStrategyModuleManifest = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'letters, digits, spaces, ".", "_" and "-" only'),
  description: z.string().max(2000).optional(),
  category: ZStrategyCategory.optional(),
  riskLevel: ZRiskLevel.optional(),
  params: z.record(ZParameterName, z.discriminatedUnion('type', [ZNumberSpec, ZBooleanSpec]), {
    error: (issue) =>
      issue.input === undefined
        ? 'is missing: declare every parameter with its type and default (params: {} for none)'
        : undefined,
  }),
});
export type StrategyModuleManifest = z.output<typeof ZStrategyModuleManifest>;

/**
 * Checks a strategy file's manifest (name, parameters with defaults in range).
 * @throws DomainError `VALIDATION_ERROR` naming the field (`params.fast.default`).
 */
export function parseStrategyManifest(value: unknown): StrategyModuleManifest {
  const parsed = ZStrategyModuleManifest.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const field = issue.path.map(String).join('.') || 'strategy';
    throw new DomainError('VALIDATION_ERROR', `Strategy ${field} ${issue.message}`, { field });
  }
  for (const [name, spec] of Object.entries(parsed.data.params)) {
    if (spec.type === 'boolean') continue;
    const problem = numberSchema(spec).safeParse(spec.default).error?.issues[0]?.message;
    if (problem !== undefined) {
      const field = `params.${name}.default`;
      throw new DomainError('VALIDATION_ERROR', `Strategy ${field} ${problem}`, { field });
    }
  }
  return parsed.data;
}

/** The zod schema of a strategy's parameters, as the built-ins' hand-written ones. */
export function paramsSchema(
  params: Readonly<Record<string, ParameterSpec>>,
): z.ZodType<ParameterValues> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(params)) {
    shape[name] = spec.type === 'boolean' ? z.boolean().default(spec.default) : numberSchema(spec);
  }
  return z.strictObject(shape) as unknown as z.ZodType<ParameterValues>;
}

function numberSchema(spec: Extract<ParameterSpec, { type: 'integer' | 'number' }>) {
  let schema = spec.type === 'integer' ? z.int() : z.number();
  if (spec.min !== undefined) schema = schema.min(spec.min);
  if (spec.max !== undefined) schema = schema.max(spec.max);
  return schema.default(spec.default);
}

/**
 * A {@link StrategyDefinition} for a strategy file's module: parameters validated against its
 * declared specs, each `create` a fresh {@link Strategy} on the given toolkit (the engine's by
 * default; the sandbox passes its own).
 * @throws DomainError `VALIDATION_ERROR` for a bad manifest, naming the field.
 */
export function moduleStrategyDefinition(
  module: StrategyModule,
  toolkit: StrategyToolkit = STRATEGY_TOOLKIT,
): StrategyDefinition {
  const manifest = parseStrategyManifest(module);
  if (typeof module.create !== 'function') {
    throw new DomainError('VALIDATION_ERROR', 'Strategy create must be a function', {
      field: 'create',
    });
  }
  return defineStrategy({
    name: manifest.name,
    description: manifest.description ?? '',
    category: manifest.category ?? 'trend_following',
    riskLevel: manifest.riskLevel ?? 'medium',
    paramsSchema: paramsSchema(manifest.params),
    create: (params) => logicStrategy(manifest.name, module.create(params, toolkit)),
  });
}

/** Adapts the logic `create` returned to the engine's {@link Strategy}. */
function logicStrategy(name: string, logic: StrategyLogic): Strategy {
  if (logic === null || typeof logic !== 'object' || typeof logic.onBar !== 'function') {
    throw new DomainError(
      'VALIDATION_ERROR',
      `Strategy ${name}: create must return an object with an onBar function`,
      { field: 'create' },
    );
  }
  return {
    name,
    warmupBars: logic.warmupBars ?? 0,
    onBar: (bar, context) => logic.onBar(bar, context),
    onFill: logic.onFill && ((fill, context) => logic.onFill?.(fill, context)),
    onRejection:
      logic.onRejection && ((rejection, context) => logic.onRejection?.(rejection, context)),
  };
}
