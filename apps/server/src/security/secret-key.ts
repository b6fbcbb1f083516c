import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const GENERATED_KEY_FILE = 'secret.key';

/**
 * The master secret: `TRADEWIND_SECRET_KEY` when set (required in production), otherwise a key
 * generated once into the data directory with mode 0600, so an embedded install keeps its
 * tokens and encrypted secrets valid across restarts without any setup.
 */
export async function loadMasterKey(options: {
  secretKey: string | undefined;
  dataDir: string;
}): Promise<Buffer> {
  if (options.secretKey) return Buffer.from(options.secretKey, 'utf8');
  const file = path.join(options.dataDir, GENERATED_KEY_FILE);
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: if another process generated it first, keep theirs.
    await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return loadMasterKey(options);
    }
    throw error;
  }
  await chmod(file, 0o600);
  return key;
}

/** A 32-byte key for one purpose, so no two uses of the master secret share key material. */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'tradewind', purpose, 32));
}
