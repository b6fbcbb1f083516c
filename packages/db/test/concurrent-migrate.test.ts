import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseDialect } from '@tradewind/testing';
import { describe, expect, it } from 'vitest';
import { readMigrationFiles } from '../src/migration-files.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts `test/migrate-child.ts`; resolves once it has loaded and waits for "go". */
async function startChild(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/migrate-child.ts', databaseUrl], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const output: string[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => output.push(line));
  while (!output.includes('ready')) {
    await Promise.race([
      once(lines, 'line'),
      exited.then(() => Promise.reject(new Error(`child exited early: ${stderr}`))),
    ]);
  }
  return {
    go: () => child.stdin.end('go\n'),
    async result() {
      const [code] = await exited;
      return {
        code,
        stderr,
        events: output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)),
      };
    },
  };
}

// Several server processes starting at once against one database: only real PostgreSQL
// has more than one connection, so only it can race.
describe.runIf(testDatabaseDialect() === 'postgresql')('concurrent start-up', () => {
  it('two processes apply every migration exactly once', { timeout: 60_000 }, async () => {
    const names = (await readMigrationFiles()).map((file) => file.name);
    const db = await createTestDatabase({ empty: true });
    try {
      const children = await Promise.all([
        startChild(db.databaseUrl ?? ''),
        startChild(db.databaseUrl ?? ''),
      ]);
      for (const child of children) child.go();
      const results = await Promise.all(children.map((child) => child.result()));

      for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
      const applied = results.flatMap((result) =>
        result.events.flatMap((event: { migration?: string }) =>
          event.migration ? [event.migration] : [],
        ),
      );
      expect(applied.sort()).toEqual(names);

      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; n: number }[]>(
        `SELECT migration_name, count(*)::int AS n FROM _prisma_migrations
          WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name`,
      );
      expect(rows).toEqual(names.map((name) => ({ migration_name: name, n: 1 })));
    } finally {
      await db.close();
    }
  });
});
