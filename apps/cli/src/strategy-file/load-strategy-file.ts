import path from 'node:path';
import { Script } from 'node:vm';
import {
  MAX_STRATEGY_SOURCE_BYTES,
  moduleStrategyDefinition,
  type StrategyDefinition,
  type StrategyModule,
} from '@tradewind/engine';
import { transform } from 'sucrase';
import { CliError } from '../cli-error.ts';
import { readTextFile } from '../read-text-file.ts';

/**
 * A strategy file (`tradewind strategies new` writes one) as an engine definition, run in this
 * process: a user's own code on their own machine needs no sandbox, and goes through the same
 * API and engine as on the server. Type imports vanish; any other import is refused, as on upload.
 */
export async function loadStrategyFile(file: string): Promise<StrategyDefinition> {
  const source = await readTextFile(file, `strategy file ${file}`);
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_STRATEGY_SOURCE_BYTES) {
    throw new CliError(`${file}: ${bytes} bytes; a strategy may be at most 256 kB`);
  }
  let code: string;
  try {
    code = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: path.basename(file),
    }).code;
  } catch (error) {
    const { loc } = error as { loc?: { line: number; column: number } };
    const where = loc === undefined ? '' : `:${loc.line}:${loc.column + 1}`;
    throw new CliError(
      `${file}${where}: ${(error as Error).message.replace(/^Error transforming [^:]*: | \(\d+:\d+\)$/g, '')}`,
    );
  }
  const exports: { default?: unknown } = {};
  const refuse = (name: string) => {
    throw new CliError(
      `${file}: imports are not available to strategies ("${name}"); use the toolkit passed to create, or import types only`,
    );
  };
  evaluate(file, code)(exports, refuse, { exports });
  if (exports.default === null || typeof exports.default !== 'object') {
    throw new CliError(`${file}: the file must \`export default\` its strategy object`);
  }
  try {
    return moduleStrategyDefinition(exports.default as StrategyModule);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

type Evaluated = (exports: object, require: (name: string) => never, module: object) => void;

/**
 * The compiled file as a function of its CommonJS scope. Sucrase keeps line numbers, so a syntax
 * error it let through (it parses loosely) is reported at the user's line and column by V8.
 */
function evaluate(file: string, code: string): Evaluated {
  try {
    const script = new Script(`(function (exports, require, module) {${code}\n})`, {
      filename: file,
    });
    return script.runInThisContext() as Evaluated;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // V8's stack opens with `file:line`, the line's text and a caret under the column.
    const [where, , caret] = (error.stack ?? '').split('\n');
    const line = where?.slice(file.length + 1);
    const column = (caret?.indexOf('^') ?? -1) + 1;
    const at = line && /^\d+$/.test(line) ? `:${line}${column > 0 ? `:${column}` : ''}` : '';
    throw new CliError(`${file}${at}: ${error.message}`);
  }
}
