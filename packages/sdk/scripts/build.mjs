// Builds the publishable SDK into dist/: JavaScript bundles (esbuild) and one declaration file
// per entry (rollup-plugin-dts) with the workspace's types inlined, the server's AppRouter
// included, so the tarball `pnpm pack` makes needs nothing from this repository.
import { readFileSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = { index: 'src/index.ts', enums: 'src/enums.ts' };
/** Installed beside the SDK (its dependencies); the workspace packages are bundled in. */
const external = Object.keys(manifest.dependencies).filter(
  (name) => !name.startsWith('@tradewind/'),
);
/** Workspace packages whose types are inlined; the server's others (db, venues) stay opaque. */
const inlined = new Set(['@tradewind/core', '@tradewind/engine', '@tradewind/server']);

await rm(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
});

/** `@tradewind/x[/sub]` to its real source file, found from the importing file's package. */
function workspaceFile(source, importer) {
  const [scope, name, ...rest] = source.split('/');
  const subpath = rest.length === 0 ? '.' : `./${rest.join('/')}`;
  let directory = dirname(importer);
  for (;;) {
    try {
      const packageDir = realpathSync(join(directory, 'node_modules', scope, name));
      const { exports } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
      return join(packageDir, exports[subpath]);
    } catch {
      if (dirname(directory) === directory) return null;
      directory = dirname(directory);
    }
  }
}

const workspaceSources = {
  name: 'workspace-sources',
  resolveId(source, importer) {
    if (!source.startsWith('@tradewind/') || importer === undefined) return null;
    const packageName = source.split('/').slice(0, 2).join('/');
    if (!inlined.has(packageName)) return { id: source, external: true };
    return workspaceFile(source, importer);
  },
};

const types = await rollup({
  input: Object.fromEntries(
    Object.entries(entries).map(([name, path]) => [name, join(root, path)]),
  ),
  external: (id) => /^[^./]/.test(id) && !id.startsWith('@tradewind/') && !id.startsWith('/'),
  plugins: [workspaceSources, dts({ tsconfig: join(root, 'tsconfig.json') })],
  logLevel: 'warn',
});
await types.write({ dir: join(root, 'dist'), format: 'es', entryFileNames: '[name].d.ts' });
