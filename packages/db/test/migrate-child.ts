/**
 * Child process for the concurrent start-up test: prints "ready" once its modules are
 * loaded, waits for "go" on stdin (so every child starts at the same moment), then opens
 * the database at argv[2] with migrations on, like a server starting, printing each log
 * event as one JSON line.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/index.ts';

const [databaseUrl] = process.argv.slice(2);
if (!databaseUrl) throw new Error('usage: migrate-child <databaseUrl>');

const lines = createInterface({ input: process.stdin });
console.log('ready');
await once(lines, 'line');
lines.close();

const db = await openDatabase({
  databaseUrl,
  logger: {
    info: (obj) => console.log(JSON.stringify(obj)),
    warn: (obj, msg) => console.error(msg, obj),
  },
});
await db.close();
