import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/**
 * The file's text, or one line `cannot read <label>: <reason>` naming the common reasons in
 * words (no such file, a directory, permission denied).
 */
export async function readTextFile(file: string, label = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CliError(`cannot read ${label}: ${reason}`);
  }
}
