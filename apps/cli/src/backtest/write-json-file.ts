import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { snakeCase, snakeCaseKeys } from './snake-case-keys.ts';

const FLUSH_CHARS = 1 << 16;
const NUMBERS_PER_CHUNK = 4096;

/**
 * Writes `value` as compact JSON with snake_case keys (as {@link snakeCaseKeys}) to `file`,
 * streamed: the text is produced and written in chunks of about 64 KiB, waiting for the disk
 * when it lags, so a result with millions of points never becomes one string in memory. Writes
 * beside the target and renames it into place: never a half-written file.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary, 'utf8');
  const failed = once(stream, 'error').then(([error]) => {
    throw error;
  });
  try {
    let buffer = '';
    for (const chunk of jsonChunks(value)) {
      buffer += chunk;
      if (buffer.length < FLUSH_CHARS) continue;
      const written = stream.write(buffer);
      buffer = '';
      if (!written) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end(`${buffer}\n`);
    await Promise.race([once(stream, 'finish'), failed]);
    await rename(temporary, file);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

/** JSON text of `value` in pieces; arrays are walked, never stringified whole. */
function* jsonChunks(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    yield* arrayChunks(value);
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(snakeCase(key))}:`;
    first = false;
    // Strategy parameters keep their names, as snakeCaseKeys keeps them.
    if (key === 'params') yield JSON.stringify(entry);
    else yield* jsonChunks(entry);
  }
  yield '}';
}

function* arrayChunks(values: readonly unknown[]): Generator<string> {
  yield '[';
  for (let start = 0; start < values.length; start += NUMBERS_PER_CHUNK) {
    const slice = values.slice(start, start + NUMBERS_PER_CHUNK);
    const text = slice.every((item) => typeof item === 'number')
      ? JSON.stringify(slice).slice(1, -1)
      : slice.map((item) => JSON.stringify(snakeCaseKeys(item)) ?? 'null').join(',');
    yield start === 0 ? text : `,${text}`;
  }
  yield ']';
}
