import { CliError } from './cli-error.ts';

/** Prompts are possible only with a person at a terminal; scripts use flags and stdin. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Fails with what to use instead when there is no terminal to prompt on.
 * `instead` completes "pass ...", e.g. `--email <email> and --password-stdin`.
 */
function requireTerminal(what: string, instead: string): void {
  if (!canPrompt()) {
    throw new CliError(`cannot prompt for the ${what} without a terminal; pass ${instead}`);
  }
}

// Prompts go to stderr, so stdout carries only the command's result (and stays parseable).
// The prompt library loads on first use: most runs never prompt, and start-up stays quick.

/** Asks for a line of text. */
export async function promptText(
  what: string,
  instead: string,
  options: { default?: string; validate?: (value: string) => true | string } = {},
): Promise<string> {
  requireTerminal(what, instead);
  const { input } = await import('@inquirer/prompts');
  const answer = await input(
    { message: capitalize(what), required: true, ...options },
    { output: process.stderr },
  );
  return answer.trim();
}

/** Asks for a secret without echoing it. */
export async function promptSecret(what: string, instead: string): Promise<string> {
  requireTerminal(what, instead);
  const { password } = await import('@inquirer/prompts');
  return password(
    { message: capitalize(what), validate: (value) => value.length > 0 || 'is required' },
    { output: process.stderr },
  );
}

/** Asks for a new secret twice; the answers must match. */
export async function promptNewSecret(what: string, instead: string): Promise<string> {
  const first = await promptSecret(what, instead);
  const second = await promptSecret(`${what} again`, instead);
  if (first !== second) throw new CliError(`the two ${what}s differ; nothing was changed`);
  return first;
}

/**
 * Reads a secret piped on stdin (`--password-stdin`, like `docker login`), so it never shows
 * in the process list or shell history. One trailing newline is dropped.
 */
export async function readSecretFromStdin(
  what: string,
  flag = '--password-stdin',
): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError(`${flag} reads the ${what} from a pipe, e.g. \`... < file\``);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!secret) throw new CliError(`no ${what} on stdin`);
  return secret;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
