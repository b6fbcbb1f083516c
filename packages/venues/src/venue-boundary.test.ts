import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The product's TypeScript sources: every package's and app's `src/`, tests excluded. */
function productSources(): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'generated') {
        walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        files.push(relative(ROOT, path));
      }
    }
  };
  for (const group of ['packages', 'apps']) {
    for (const unit of readdirSync(join(ROOT, group), { withFileTypes: true })) {
      const src = join(ROOT, group, unit.name, 'src');
      if (unit.isDirectory() && existsSync(src)) walk(src);
    }
  }
  return files;
}

describe('the venue seam', () => {
  it('imports ccxt only inside packages/venues/src/ccxt: another exchange is configuration', () => {
    const importing = productSources().filter((file) =>
      /from ['"]ccxt['"]/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(importing.length).toBeGreaterThan(0);
    expect(importing.filter((file) => !file.startsWith('packages/venues/src/ccxt/'))).toEqual([]);
  });
});
