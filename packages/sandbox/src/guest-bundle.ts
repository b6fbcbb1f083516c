import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundle: Promise<string> | undefined;

/**
 * The sandbox's runtime (guest/guest-runtime.ts with the engine's indicators) as one script,
 * built once per process. `@tradewind/core` is swapped for a one-class shim: the indicators only
 * need `DomainError`, and the real module would bring zod and every contract along.
 */
export function guestBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./guest/guest-runtime.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import'],
    alias: { '@tradewind/core': fileURLToPath(new URL('./guest/core-shim.ts', import.meta.url)) },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundle;
}
