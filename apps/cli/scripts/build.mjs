// Bundles the CLI into dist/ so `tradewind` starts without compiling TypeScript on the fly
// (tsx's loader costs ~0.5 s a start, more than most commands take). bin/tradewind.mjs runs the
// bundle only while every source file in it is older than the bundle, else the sources.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = fileURLToPath(new URL('../dist/', import.meta.url));

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // The optimiser's worker threads load their own entry (dist/optimise/trial-worker.js).
  entryPoints: ['src/main.ts', 'src/optimise/trial-worker.ts'],
  outdir,
  bundle: true,
  // Chunks: commands that load the engine lazily (backtest) keep doing so.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});
await mkdir(outdir, { recursive: true });
// Workspace sources only: what a developer edits, so what can make the bundle stale.
const inputs = Object.keys(result.metafile.inputs)
  .filter((input) => !input.includes('node_modules/'))
  .map((input) => `../${input}`);
await writeFile(new URL('../dist/inputs.json', import.meta.url), `${JSON.stringify(inputs)}\n`);
