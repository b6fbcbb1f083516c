import { createHash } from 'node:crypto';
import { DomainError } from '@tradewind/core';
import { MAX_STRATEGY_SOURCE_BYTES } from '@tradewind/engine';
import { build, type Message } from 'esbuild';

/** The name user code carries in stacks and error locations. */
export const STRATEGY_FILE_NAME = 'strategy.ts';

/** A strategy file compiled to one script that assigns its module to `globalThis.__strategyFile`. */
export type CompiledStrategy = {
  /** Plain JavaScript (ES2022), no imports. */
  readonly code: string;
  /** The source map from `code` back to the user's source (v3 JSON). */
  readonly sourceMap: string;
  /** sha256 of the source, hex: equal sources are one version. */
  readonly contentHash: string;
};

/** Hex sha256 of a strategy's source. */
export function strategyContentHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Compiles a strategy file (TypeScript or JavaScript) with esbuild. Type-only imports vanish;
 * any other import is refused, since strategies get everything through `create`'s toolkit.
 * @throws DomainError `VALIDATION_ERROR` (field `source`) for an empty or oversized source, or a
 *   syntax error, with `line` and `column` (1-based) in its details and message.
 */
export async function compileStrategySource(source: string): Promise<CompiledStrategy> {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new DomainError('VALIDATION_ERROR', 'source must be the strategy code', {
      field: 'source',
    });
  }
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_STRATEGY_SOURCE_BYTES) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `source is ${bytes} bytes; a strategy may be at most ${MAX_STRATEGY_SOURCE_BYTES} bytes (256 kB)`,
      { field: 'source' },
    );
  }
  const result = await build({
    stdin: { contents: source, loader: 'ts', sourcefile: STRATEGY_FILE_NAME },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__strategyFile',
    target: 'es2022',
    platform: 'neutral',
    sourcemap: 'external',
    outdir: 'out',
    logLevel: 'silent',
    plugins: [
      {
        name: 'no-imports',
        setup(plugin) {
          plugin.onResolve({ filter: /.*/ }, (args) => ({
            errors: [
              {
                text: `imports are not available to strategies ("${args.path}"); use the toolkit passed to create (indicators, enterLong, exitLong), or import types only`,
              },
            ],
          }));
        },
      },
    ],
  }).catch((error: { errors?: Message[] }) => {
    throw compileError(error.errors?.[0], error);
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const sourceMap = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';
  return { code, sourceMap, contentHash: strategyContentHash(source) };
}

function compileError(message: Message | undefined, cause: unknown): Error {
  if (message === undefined) return cause instanceof Error ? cause : new Error(String(cause));
  const line = message.location?.line;
  // esbuild's columns are 0-based; editors count from 1.
  const column = message.location === null ? undefined : (message.location?.column ?? 0) + 1;
  const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
  return new DomainError('VALIDATION_ERROR', `strategy source${where}: ${message.text}`, {
    field: 'source',
    line,
    column,
  });
}
