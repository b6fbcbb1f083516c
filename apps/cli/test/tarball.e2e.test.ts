// The published CLI: `pnpm pack` builds the tarball, `npm install -g` of it (offline: the bundle
// needs no dependency) gives a `tradewind` binary that talks to a real server.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('..', import.meta.url));

let server: RunningServer;
let workDir: string;
let binary: string;

/** Runs the installed binary with a home of its own (no profile of the developer's). */
function installed(args: string[]) {
  return run(binary, args, {
    env: { ...process.env, HOME: workDir, XDG_CONFIG_HOME: join(workDir, 'config') },
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tradewind-cli-tarball-'));
  await run('npx', ['-y', 'pnpm@12.21.0', 'pack', '--pack-destination', workDir], { cwd: cliRoot });
  const [tarball] = (await readdir(workDir)).filter((name) => name.endsWith('.tgz'));
  const prefix = join(workDir, 'global');
  await run('npm', ['install', '-g', '--offline', '--prefix', prefix, join(workDir, `${tarball}`)]);
  binary = join(prefix, 'bin', 'tradewind');
  server = await startTestServer();
}, 600_000);

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the packed CLI installed with npm install -g', () => {
  it('prints its version', async () => {
    const { stdout } = await installed(['--version']);
    expect(stdout.trim()).toBe(packageJson.version);
  }, 60_000);

  it('asks a real server for its status', async () => {
    const { stdout } = await installed(['status', '--json', '--url', server.url]);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'operational', database: 'connected' });
  }, 60_000);
});
