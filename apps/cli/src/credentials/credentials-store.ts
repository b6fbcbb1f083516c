import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SessionTokens } from '@tradewind/sdk';
import { CliError } from '../cli-error.ts';

/** A signed-in session as the CLI keeps it: the SDK's tokens plus who they belong to. */
export type StoredSession = SessionTokens & { email: string };

/** One profile: the server it talks to and, while signed in, the session. Never a password. */
export type Profile = { url: string; session?: StoredSession };

type CredentialsFile = { version: 1; profiles: Record<string, Profile> };

const FILE_NAME = 'credentials.json';

/**
 * Profiles in one JSON file, `credentials.json` in the config directory. The file holds
 * refresh tokens, so it is mode 0600 inside a 0700 directory, and replaced atomically (write
 * a temporary file, then rename) so a crash or a concurrent reader never sees half a file.
 */
export class CredentialsStore {
  readonly directory: string;
  readonly file: string;

  constructor(directory: string) {
    this.directory = directory;
    this.file = path.join(directory, FILE_NAME);
  }

  /** The named profile, or `undefined` if it was never saved. */
  async profile(name: string): Promise<Profile | undefined> {
    return (await this.#read()).profiles[name];
  }

  /**
   * Changes one profile: `change` gets the current one (if any) and returns the new one, or
   * `undefined` to delete it. The file is re-read first, so other profiles' changes survive.
   */
  async updateProfile(
    name: string,
    change: (current: Profile | undefined) => Profile | undefined,
  ): Promise<void> {
    const contents = await this.#read();
    const next = change(contents.profiles[name]);
    if (next) contents.profiles[name] = next;
    else delete contents.profiles[name];
    await this.#write(contents);
  }

  /** Forgets the profile's session, keeping its server URL. */
  async removeSession(name: string): Promise<void> {
    await this.updateProfile(name, (current) => current && { url: current.url });
  }

  async #read(): Promise<CredentialsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, profiles: {} };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isCredentialsFile(parsed)) {
      throw new CliError(
        `the credentials file ${this.file} is damaged; delete it and sign in again`,
      );
    }
    return parsed;
  }

  async #write(contents: CredentialsFile): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // `mkdir` leaves an existing directory's mode alone; this one is ours, so tighten it.
    await chmod(this.directory, 0o700);
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSession(value: unknown): value is StoredSession {
  return (
    isRecord(value) &&
    ['accessToken', 'refreshToken', 'accessTokenExpiresAt', 'sessionId', 'email'].every(
      (key) => typeof value[key] === 'string',
    )
  );
}

function isCredentialsFile(value: unknown): value is CredentialsFile {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.profiles)) return false;
  return Object.values(value.profiles).every(
    (profile) =>
      isRecord(profile) &&
      typeof profile.url === 'string' &&
      (profile.session === undefined || isSession(profile.session)),
  );
}
