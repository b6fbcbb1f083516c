#!/usr/bin/env node
// The published binary: the bundle `pnpm pack` builds (dist/), nothing compiled at run time.
await import('../dist/main.js');
