import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTradewindClient, type SessionTokens, sessionTokensFrom } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { type Run, startTradewind, tradewind } from './run-tradewind.ts';

export const PASSWORD = 'correct horse 42';

export type TestUser = { email: string; password: string; tokens: SessionTokens };

let registered = 0;
/** Registers a new user through the SDK, as a person would have in the dashboard. */
export async function registerUser(server: RunningServer, name: string): Promise<TestUser> {
  registered += 1;
  const email = `${name}-${registered}@example.com`;
  const issued = await createTradewindClient({ url: server.url }).auth.register.mutate({
    email,
    password: PASSWORD,
    firstName: name,
  });
  return { email, password: PASSWORD, tokens: sessionTokensFrom(issued) };
}

/** An SDK client signed in with an access token (no refresh). */
export function clientWithToken(server: RunningServer, accessToken: string) {
  return createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
}

const homes: string[] = [];

/** Removes every directory {@link cliHome} created. */
export async function removeCliHomes(): Promise<void> {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
}

/** A CLI whose config directory is a fresh temporary one: one operator's machine. */
export async function cliHome() {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-home-'));
  homes.push(configDir);
  const credentialsFile = path.join(configDir, 'credentials.json');
  const withHome = (options: { env?: Record<string, string>; stdin?: string }) => ({
    ...options,
    env: { TRADEWIND_CONFIG_DIR: configDir, ...options.env },
  });
  const run = (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) =>
    tradewind(args, withHome(options));
  return {
    configDir,
    credentialsFile,
    run,
    /** Starts a command that runs until stopped (`--watch`). */
    start: (args: string[], options: { env?: Record<string, string> } = {}) =>
      startTradewind(args, withHome(options)),
    /** `tradewind login --email … --password-stdin`, the scripted way. */
    login(server: RunningServer, user: TestUser, extra: string[] = []): Promise<Run> {
      return run(
        ['--url', server.url, 'login', '--email', user.email, '--password-stdin', ...extra],
        {
          stdin: `${user.password}\n`,
        },
      );
    },
    /** The credentials file as JSON. */
    async credentials(): Promise<{
      version: number;
      profiles: Record<string, { url: string; session?: SessionTokens & { email: string } }>;
    }> {
      return JSON.parse(await readFile(credentialsFile, 'utf8'));
    },
  };
}

/** Asserts the shape every failure has: exit 1, nothing on stdout, one line on stderr. */
export function oneLineFailure(run: Run): string {
  if (run.code !== 1 || run.stdout !== '' || !/^tradewind: [^\n]+\n$/.test(run.stderr)) {
    throw new Error(`expected a one-line failure, got ${JSON.stringify(run)}`);
  }
  return run.stderr.slice('tradewind: '.length, -1);
}

/** Asserts how commander refuses a bad option before anything is sent: exit 1, one line. */
export function usageFailure(run: Run): string {
  if (run.code !== 1 || run.stdout !== '' || !/^error: [^\n]+\n$/.test(run.stderr)) {
    throw new Error(`expected a one-line usage error, got ${JSON.stringify(run)}`);
  }
  return run.stderr.slice('error: '.length, -1);
}
