import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's test data (`tooling/testing/fixtures`, see its README). */
const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Absolute path of a fixture, e.g. `fixturePath('seeds/')`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(name, FIXTURES));
}

/** Absolute path of a real OHLCV series, e.g. `ohlcvPath('orcl-1995-2014.txt')`. */
export function ohlcvPath(name: string): string {
  return fixturePath(`ohlcv/${name}`);
}

/** The text of a real OHLCV series. */
export function readOhlcv(name: string): string {
  return readFileSync(ohlcvPath(name), 'utf8');
}
