// Builds the web dashboard into dist/ (run by `pnpm install`, as the CLI and server bundles
// are), so `pnpm start` serves it at / with nothing else to set up.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

await build({
  root: fileURLToPath(new URL('..', import.meta.url)),
  logLevel: 'warn',
});
