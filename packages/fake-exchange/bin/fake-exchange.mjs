#!/usr/bin/env node
// The sources are TypeScript; tsx compiles them on the fly.
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
