// Bundles the server's TypeScript (its own sources and the workspace packages it imports) into
// dist/main.js, so `pnpm start` runs compiled JavaScript instead of compiling on the fly with tsx
// (seconds of CPU on a loaded machine before the first log line). Packages from node_modules stay
// outside the bundle, imported from where they are installed (their WASM, native addons and
// worker files stay beside them). `pnpm dev` keeps running the sources through tsx.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * Workspace sources find files next to themselves (migrations, the backtest worker, generated
 * Prisma files) through `import.meta.url`: each keeps its own URL, not the bundle's.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Installed packages are imported from their resolved file, as each workspace package would
 * import them (pnpm gives every package its own dependencies, so the bundle's folder cannot).
 */
const installedPackages = {
  name: 'installed-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'installed' || isBuiltin(args.path)) return undefined;
      if (args.path.startsWith('@tradewind/')) return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'installed',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir,
  write: false,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  plugins: [ownUrl, installedPackages],
});
// Workspace sources only: what a developer edits, so what can make the bundle stale.
const inputs = Object.keys(result.metafile.inputs)
  .filter((input) => !input.includes('node_modules/'))
  .map((input) => `../${input}`);
const files = [
  ...result.outputFiles.map((file) => ({ path: file.path, contents: file.contents })),
  { path: `${outdir}inputs.json`, contents: `${JSON.stringify(inputs)}\n` },
];
// Each file written beside its place, then renamed: servers starting together (tests) may all
// find the bundle stale and build it at once; none may import a half-written file.
await mkdir(outdir, { recursive: true });
for (const file of files) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  await writeFile(temporary, file.contents);
  await rename(temporary, file.path);
}
