import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real OHLCV series beside the repository (`../shared/data`), for tests and benchmarks. */
const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url);

/** Absolute path of a file in shared/data, e.g. `sharedDataPath('orcl-1995-2014.txt')`. */
export function sharedDataPath(name: string): string {
  return fileURLToPath(new URL(name, SHARED_DATA));
}

/** The text of a file in shared/data. */
export function readSharedData(name: string): string {
  return readFileSync(sharedDataPath(name), 'utf8');
}
