#!/usr/bin/env node
// `pnpm start`: the compiled server (dist/main.js, built at install by scripts/build.mjs), built
// again first when a source changed since. `pnpm dev` runs the sources through tsx instead.
import { freshBundle } from '../../../tooling/scripts/fresh-bundle.mjs';

if (!freshBundle(new URL('../dist/', import.meta.url))) {
  process.stderr.write('tradewind-server: compiling the server (its sources changed)…\n');
  await import('../scripts/build.mjs');
}
await import('../dist/main.js');
