import { z } from 'zod';
import { unsafeStringProblem } from './safe-string.ts';

/**
 * Keys refused in any input: they reach prototypes when merged into plain objects, and
 * superjson refuses to serialize objects holding them, so one stored row would break every
 * read that includes it.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export type JsonLimits = {
  /** Nesting levels of objects and arrays; the top-level value is depth 1. */
  maxDepth: number;
  /** Objects, arrays and primitives together. */
  maxNodes: number;
};

/** Limits for a whole request body or procedure input. */
export const REQUEST_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxNodes: 200_000 };

/** Limits for a free-form object stored as is (strategy parameters, alert payloads, grids). */
export const FREE_FORM_JSON_LIMITS: JsonLimits = { maxDepth: 10, maxNodes: 5_000 };

export type JsonProblem = { path: (string | number)[]; message: string };

/**
 * The first reason `value` may not be accepted as input, or `undefined`: too deep, too many
 * nodes, a forbidden key ({@link FORBIDDEN_KEYS}), or a key or string that no text column can
 * hold (NUL, an unpaired surrogate). Stops at the depth limit, so a 5,000-deep value costs
 * no more than a 64-deep one.
 */
export function findJsonProblem(value: unknown, limits: JsonLimits): JsonProblem | undefined {
  let nodes = 0;
  const visit = (node: unknown, path: (string | number)[]): JsonProblem | undefined => {
    nodes += 1;
    if (nodes > limits.maxNodes) {
      return { path, message: `is too large: at most ${limits.maxNodes} values` };
    }
    if (typeof node === 'string') {
      const problem = unsafeStringProblem(node);
      return problem ? { path, message: problem } : undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    if (path.length >= limits.maxDepth) {
      return { path, message: `is nested too deeply: at most ${limits.maxDepth} levels` };
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) {
        const problem = visit(item, [...path, index]);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        return { path: [...path, key], message: `the key "${key}" is not allowed` };
      }
      const keyProblem = unsafeStringProblem(key);
      if (keyProblem) return { path: [...path, key], message: `a key ${keyProblem}` };
      const problem = visit((node as Record<string, unknown>)[key], [...path, key]);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(value, []);
}

/** Formats a problem for an error message: `parameters.constructor: the key ... is not allowed`. */
export function describeJsonProblem(problem: JsonProblem, root?: string): string {
  const path = [...(root ? [root] : []), ...problem.path].join('.');
  return path ? `${path}: ${problem.message}` : problem.message;
}

/**
 * A free-form object (`z.record(...)`) checked with {@link findJsonProblem} under
 * {@link FREE_FORM_JSON_LIMITS}, the issue pointing at the offending key.
 */
export function zFreeFormRecord<T extends z.ZodType>(values: T) {
  return z.record(z.string(), values).check((context) => {
    const problem = findJsonProblem(context.value, FREE_FORM_JSON_LIMITS);
    if (problem) {
      context.issues.push({
        code: 'custom',
        message: problem.message,
        path: problem.path,
        input: context.value,
      });
    }
  });
}
