import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Mailer, MailMessage } from './mailer.ts';

export type StoredMail = MailMessage & { id: string; sentAt: string };

/**
 * The embedded default: each message becomes a JSON file under `<dataDir>/mail`, mode 0600
 * (they carry reset links), where tests and `tradewind mail` read them. No mail server needed.
 */
export class FileMailer implements Mailer {
  readonly directory: string;
  readonly #now: () => Date;

  constructor(directory: string, now: () => Date) {
    this.directory = directory;
    this.#now = now;
  }

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const sentAt = this.#now().toISOString();
    const stored: StoredMail = { id: randomUUID(), sentAt, ...message };
    const name = `${sentAt.replace(/[:.]/g, '-')}-${stored.id}.json`;
    await writeFile(path.join(this.directory, name), `${JSON.stringify(stored, null, 2)}\n`, {
      mode: 0o600,
    });
  }
}
