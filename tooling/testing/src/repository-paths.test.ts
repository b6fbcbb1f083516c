// A fresh clone must test and benchmark with nothing beside it: no file may reach outside the
// repository, by a relative path that climbs above its root or by a path of this machine.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.turbo',
  '.data',
  'dist',
  'fixtures',
  'generated',
]);
const CHECKED_FILE = /\.(ts|tsx|mts|js|mjs|cjs|json|md|sh)$|^\.ci[/\\]/;
const CLIMB = /(?<![\w./])(?:\.\.\/)+/g;
const MACHINE_PATH = /\/work\/|\bshared\/(?:data|seeds)\b/;

function* repositoryFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* repositoryFiles(path);
    } else if (CHECKED_FILE.test(relative(ROOT, path))) {
      yield path;
    }
  }
}

/** `file:line: text` of every reference in `path` that leads outside the repository. */
function outsideReferences(path: string): string[] {
  const found: string[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const climbs = [...line.matchAll(CLIMB)].some((match) => {
        const target = resolve(dirname(path), match[0]);
        return target !== resolve(ROOT) && !target.startsWith(resolve(ROOT) + sep);
      });
      if (climbs || MACHINE_PATH.test(line))
        found.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`);
    });
  return found;
}

describe('repository paths', () => {
  it('finds the files it checks', () => {
    const files = [...repositoryFiles(ROOT)].map((path) => relative(ROOT, path));
    expect(files).toContain(join('tooling', 'testing', 'src', 'fixtures.ts'));
    expect(files).toContain(join('.ci', 'run'));
  });

  it('has no file that reads outside the repository', () => {
    const references = [...repositoryFiles(ROOT)].flatMap(outsideReferences);
    expect(references).toEqual([]);
  });
});
