import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/migrate-new.ts', import.meta.url));

// Several people edit schema.prisma; a model without its migration would only fail at run time.
it('has a migration for every change in schema.prisma', { timeout: 120_000 }, () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toContain('the schema matches the migrations');
});
