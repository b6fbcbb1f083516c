import { type Command, InvalidArgumentError } from 'commander';

export const DEFAULT_SERVER_URL = 'http://localhost:8001';
export const DEFAULT_PROFILE = 'default';

export type GlobalOptions = {
  /** `--url`; unset means TRADEWIND_URL, then the profile's server, then the default. */
  url?: string;
  profile: string;
};

/** The options every command shares, read from the root program. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The server URL the operator asked for on this run, if any (flag first, then environment). */
export function requestedServerUrl(options: GlobalOptions): string | undefined {
  const url = options.url || process.env.TRADEWIND_URL;
  return url ? normalizeServerUrl(url) : undefined;
}

/** `http://host:8001/` and `http://host:8001` are the same server. */
export function normalizeServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Profile names become JSON keys and appear in hints, so they stay plain. */
export function parseProfileName(value: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new InvalidArgumentError('use letters, digits, "_", "." and "-" (at most 64).');
  }
  return value;
}
