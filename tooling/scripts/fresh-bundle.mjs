import { readFileSync, statSync } from 'node:fs';

/**
 * Whether the bundle in `dist` (a `file:` URL ending in `/`; `main.js` beside `inputs.json`, the
 * sources it was built from, relative to `dist`) is newer than every one of its sources.
 * The CLI's and the server's launchers run the bundle only then.
 */
export function freshBundle(dist) {
  try {
    const built = statSync(new URL('main.js', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, dist)).mtimeMs <= built);
  } catch {
    return false;
  }
}
