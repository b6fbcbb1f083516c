#!/usr/bin/env node
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

/** The bundle (`pnpm --filter @tradewind/cli build`), unless a source in it changed since. */
function freshBundle() {
  try {
    const built = statSync(new URL('main.js', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, dist)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (freshBundle()) {
  await import('../dist/main.js');
} else {
  // The sources are TypeScript; tsx compiles them on the fly, so a change needs no rebuild.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
