// The published SDK: `pnpm pack` builds the tarball (compiled JavaScript, bundled declarations
// with the server's AppRouter), a TypeScript project outside the workspace installs it from the
// tarball (offline, from the package store), type-checks against it, and uses it on a real server.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkRoot = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(sdkRoot, 'node_modules/.bin/tsc');
const pnpm = ['-y', 'pnpm@12.21.0'];

/** A consumer's code: typed calls (the @ts-expect-error lines fail to compile if types are `any`). */
const CONSUMER = `import { createHmac } from 'node:crypto';
import {
  createEnterpriseRestClient,
  createTradewindClient,
  isEnterpriseApiError,
  TIMEFRAMES,
  type TradewindOutputs,
  verifyWebhookSignature,
} from '@tradewind/sdk';
import { BOT_STATUSES } from '@tradewind/sdk/enums';

const url = process.argv[2] as string;
const ping = await createTradewindClient({ url }).system.ping.query();
const pong: boolean = ping.pong;
// @ts-expect-error the router's types came along: pong is a boolean
const notText: string = ping.pong;
type BotStatus = TradewindOutputs['bots']['get']['status'];
const status: BotStatus = 'ACTIVE';
// @ts-expect-error a status outside the contract's enum
const unknownStatus: BotStatus = 'SLEEPING';

const rest = createEnterpriseRestClient({ url, apiKey: 'twk_not_a_key' });
const refused = await rest.bots.list().then(
  () => 'accepted',
  (error: unknown) => (isEnterpriseApiError(error) ? error.status : 'other error'),
);

const body = '{"event":"bot.started"}';
const signature = 'sha256=' + createHmac('sha256', 'whsec').update(body).digest('hex');
console.log(JSON.stringify({
  pong, notText, status, unknownStatus, refused,
  signed: verifyWebhookSignature(body, signature, 'whsec'),
  forged: verifyWebhookSignature(body, signature, 'other'),
  timeframes: TIMEFRAMES, botStatuses: BOT_STATUSES.length,
}));
`;

let server: RunningServer;
let workDir: string;
let consumerDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tradewind-sdk-tarball-'));
  await run('npx', [...pnpm, 'pack', '--pack-destination', workDir], { cwd: sdkRoot });
  const [tarball] = (await readdir(workDir)).filter((name) => name.endsWith('.tgz'));
  consumerDir = join(workDir, 'consumer');
  await mkdir(consumerDir);
  const manifest = {
    name: 'sdk-consumer',
    private: true,
    type: 'module',
    dependencies: { '@tradewind/sdk': `file:../${tarball}`, '@types/node': '^20.19.0' },
  };
  const compilerOptions = {
    target: 'ES2023',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'out',
  };
  await writeFile(join(consumerDir, 'package.json'), JSON.stringify(manifest));
  await writeFile(join(consumerDir, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
  await writeFile(join(consumerDir, 'use.ts'), CONSUMER);
  await run('npx', [...pnpm, 'install', '--offline'], { cwd: consumerDir });
  server = await startTestServer();
}, 600_000);

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the packed SDK', () => {
  it('ships compiled JavaScript and declarations, no TypeScript sources', async () => {
    const installed = join(consumerDir, 'node_modules/@tradewind/sdk');
    const files = await readdir(join(installed, 'dist'));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'enums.js']));
    expect(files.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))).toEqual([]);
    await expect(readdir(join(installed, 'src'))).rejects.toThrow();
  });

  it('type-checks a project outside the workspace with the full router types', async () => {
    const compiled = await run(tsc, ['-p', '.'], { cwd: consumerDir }).then(
      () => 'ok',
      (error: { stdout: string }) => error.stdout,
    );
    expect(compiled).toBe('ok');
  }, 120_000);

  it('calls a real server through tRPC and REST and verifies a webhook signature', async () => {
    const { stdout } = await run('node', ['out/use.js', server.url], { cwd: consumerDir });
    expect(JSON.parse(stdout)).toEqual({
      pong: true,
      notText: true,
      status: 'ACTIVE',
      unknownStatus: 'SLEEPING',
      refused: 401,
      signed: true,
      forged: false,
      timeframes: ['1m', '5m', '15m', '1h', '6h', '1d', '3d'],
      botStatuses: 6,
    });
  }, 60_000);
});
