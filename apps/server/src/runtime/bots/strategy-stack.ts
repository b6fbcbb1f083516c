import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many of the strategy's frames a `bot.error` keeps. */
const MAX_FRAMES = 20;

// Code that runs strategies rather than being one: the server, and the engine's session and
// broker. Their frames say nothing about the strategy and describe the server's insides.
const INTERNAL_PREFIXES = [
  'apps/server/src/',
  'packages/engine/src/strategy/',
  'packages/engine/src/execution/',
];

/** The repository (workspace) root: the nearest folder above this file with the workspace file. */
function findProjectRoot(start: string): string {
  let directory = start;
  while (!existsSync(path.join(directory, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(directory);
    if (parent === directory) return start;
    directory = parent;
  }
  return directory;
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** `    at fn (/abs/file.ts:12:5)` or `    at /abs/file.ts:12:5` -> its label and location. */
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The stack of an error a strategy threw, as a `bot.error` shows it: `Name: message`, then only
 * the strategy's own frames (its file and line, relative to the repository), without server or
 * engine internals, Node's internals, dependencies (`node_modules`) or any absolute path.
 * Null when the error carries no stack (a thrown string, say).
 */
export function strategyStack(error: unknown, root: string = PROJECT_ROOT): string | null {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return null;
  const frames: string[] = [];
  for (const line of error.stack.split('\n')) {
    const match = FRAME.exec(line);
    if (match === null) continue;
    const [, label, location, lineNumber, column] = match;
    const file = location?.startsWith('file://') ? fileURLToPath(location) : (location ?? '');
    if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (
      relative.startsWith('../../') ||
      INTERNAL_PREFIXES.some((prefix) => relative.startsWith(prefix))
    ) {
      continue;
    }
    const where = `${relative}:${lineNumber}:${column}`;
    frames.push(label ? `    at ${label} (${where})` : `    at ${where}`);
    if (frames.length === MAX_FRAMES) break;
  }
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}
