#!/usr/bin/env node
import { freshBundle } from '../../../tooling/scripts/fresh-bundle.mjs';

// The bundle (`pnpm --filter @tradewind/cli build`), unless a source in it changed since.
if (freshBundle(new URL('../dist/', import.meta.url))) {
  await import('../dist/main.js');
} else {
  // The sources are TypeScript; tsx compiles them on the fly, so a change needs no rebuild.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
