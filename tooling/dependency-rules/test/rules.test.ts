// Each dependency rule fails on a small tree that breaks it and passes on the same tree without
// the offending import: proof the check `pnpm test` runs over the repository can fail.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterEach, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../dependency-cruiser.cjs');
const trees: string[] = [];

afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => rm(tree, { recursive: true, force: true })));
});

/** The rule violations dependency-cruiser reports for `files` (path -> source), as `rule: from -> to`. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const tree = await mkdtemp(join(tmpdir(), 'dependency-rules-'));
  trees.push(tree);
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(tree, path)), { recursive: true });
    await writeFile(join(tree, path), source);
  }
  const roots = [...new Set(Object.keys(files).map((path) => path.split('/')[0] as string))].filter(
    (root) => root !== 'node_modules',
  );
  const result = await cruise(roots, {
    ...config.options,
    baseDir: tree,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const { summary } = result.output as ICruiseResult;
  return summary.violations.map((found) => `${found.rule.name}: ${found.from} -> ${found.to}`);
}

describe('dependency rules', () => {
  it('refuse a cycle, also when every import in it is type-only', async () => {
    const found = await violations({
      'apps/server/src/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
      'apps/server/src/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    expect(found).toContain('no-cycles: apps/server/src/a.ts -> apps/server/src/b.ts');
  });

  it('pass the same modules once the cycle is broken', async () => {
    const found = await violations({
      'apps/server/src/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
      'apps/server/src/b.ts': 'export type B = { name: string };\n',
    });
    expect(found).toEqual([]);
  });

  it('keep I/O out of core and engine', async () => {
    const found = await violations({
      'packages/core/src/read.ts':
        "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'packages/engine/src/store.ts': "export { openDatabase } from '../../db/src/index.ts';\n",
      'packages/db/src/index.ts': 'export const openDatabase = () => 1;\n',
      'packages/engine/src/serve.ts': "export { default as serve } from 'fastify';\n",
      'node_modules/fastify/package.json': '{ "name": "fastify", "main": "index.js" }\n',
      'node_modules/fastify/index.js': 'module.exports = () => 1;\n',
      'packages/core/src/pure.ts': 'export const twice = (value: number) => value * 2;\n',
    });
    expect(found).toEqual([
      'core-engine-no-io: packages/core/src/read.ts -> fs',
      'core-engine-no-io: packages/engine/src/serve.ts -> node_modules/fastify/index.js',
      'core-engine-no-io: packages/engine/src/store.ts -> packages/db/src/index.ts',
    ]);
  });

  it('let rest, sdk and cli take the router type from the server but never load it', async () => {
    const found = await violations({
      'apps/server/src/index.ts':
        'export type AppRouter = { name: string };\nexport const start = 1;\n',
      'packages/sdk/src/client.ts':
        "import type { AppRouter } from '../../../apps/server/src/index.ts';\nexport type Client = AppRouter;\n",
      'packages/rest/src/plugin.ts': "export { start } from '../../../apps/server/src/index.ts';\n",
      'apps/cli/src/main.ts':
        "import { start } from '../../server/src/index.ts';\nexport const run = start;\n",
    });
    expect(found.sort()).toEqual([
      'clients-no-server-runtime: apps/cli/src/main.ts -> apps/server/src/index.ts',
      'clients-no-server-runtime: packages/rest/src/plugin.ts -> apps/server/src/index.ts',
      'packages-not-apps: packages/rest/src/plugin.ts -> apps/server/src/index.ts',
    ]);
  });

  it('keep packages from importing apps, types included, except the SDK its router type', async () => {
    const found = await violations({
      'apps/server/src/config.ts': 'export type Config = { port: number };\n',
      'packages/engine/src/settings.ts':
        "import type { Config } from '../../../apps/server/src/config.ts';\nexport type Settings = Config;\n",
    });
    expect(found).toEqual([
      'packages-not-apps-types: packages/engine/src/settings.ts -> apps/server/src/config.ts',
    ]);
  });

  it('keep server services away from transports and edges, and the edges away from the database', async () => {
    const found = await violations({
      'apps/server/src/http/reply-status.ts': 'export const OK = 200;\n',
      'apps/server/src/services/signals/receive.ts':
        "import { OK } from '../../http/reply-status.ts';\nexport const answer = OK;\n",
      'node_modules/@prisma/client/package.json':
        '{ "name": "@prisma/client", "main": "index.js" }\n',
      'node_modules/@prisma/client/index.js': 'module.exports = { PrismaClient: class {} };\n',
      'apps/server/src/realtime/feed.ts':
        "import { PrismaClient } from '@prisma/client';\nexport const client = new PrismaClient();\n",
      'apps/server/src/services/bots/owner.ts':
        "import { PrismaClient } from '@prisma/client';\nexport const client = new PrismaClient();\n",
    });
    expect(found.sort()).toEqual([
      'edges-no-database: apps/server/src/realtime/feed.ts -> node_modules/@prisma/client/index.js',
      'services-no-transport: apps/server/src/services/signals/receive.ts -> apps/server/src/http/reply-status.ts',
    ]);
  });
});
