import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { formatTimestamp, printJson } from '../output.ts';

/**
 * One message as the server's FileMailer stores it (apps/server/src/mail/file-mailer.ts).
 * Duplicated on purpose: nothing imports from an app, and the file format is the contract.
 */
type StoredMail = { id: string; sentAt: string; to: string; subject: string; text: string };

type MailOptions = { dataDir: string; to?: string; json?: boolean };

/** `tradewind mail`: the mail the embedded server would have sent, for local use. */
export function mailCommand(): Command {
  return new Command('mail')
    .description('show mail the embedded server stored instead of sending it (e.g. reset tokens)')
    .option(
      '--data-dir <dir>',
      "the server's data directory (env TRADEWIND_DATA_DIR)",
      process.env.TRADEWIND_DATA_DIR || './.data',
    )
    .option('--to <email>', 'only mail to this address')
    .option('--json', 'print JSON for scripts')
    .action(async (options: MailOptions) => {
      const directory = path.resolve(options.dataDir, 'mail');
      const to = options.to?.trim().toLowerCase();
      const messages = (await readStoredMail(directory)).filter(
        (message) => !to || message.to.toLowerCase() === to,
      );
      if (options.json) return printJson(messages);
      if (messages.length === 0) {
        process.stdout.write(`No mail${to ? ` to ${to}` : ''} in ${directory}\n`);
        return;
      }
      const blocks = messages.map(
        (message, index) =>
          `── ${index + 1}/${messages.length} · ${formatTimestamp(message.sentAt)} · to ${message.to}\n` +
          `Subject: ${message.subject}\n\n${message.text.trimEnd()}\n`,
      );
      process.stdout.write(blocks.join('\n'));
    });
}

/** The stored messages, oldest first: file names start with the time they were sent. */
async function readStoredMail(directory: string): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(directory, name);
      const parsed = parseJson(await readFile(file, 'utf8'));
      if (!isStoredMail(parsed)) throw new CliError(`${file} is not a stored mail message`);
      return parsed;
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStoredMail(value: unknown): value is StoredMail {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['id', 'sentAt', 'to', 'subject', 'text'].every((key) => typeof record[key] === 'string');
}
