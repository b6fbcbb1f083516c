import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/fake-exchange.mjs', import.meta.url));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first line the process prints that matches, within the deadline. */
async function lineMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const match = text.match(pattern);
    if (match) return match[0];
  }
  throw new Error(`the process ended without printing ${pattern}: ${text}`);
}

describe('the fake-exchange command', () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('serves Binance on the port it prints, until stopped', async () => {
    const child = run(['--port', '0', '--seed', '3']);
    started.push(child);
    const url = await lineMatching(
      child.stdout as NodeJS.ReadableStream,
      /http:\/\/127\.0\.0\.1:\d+/,
    );
    const response = await fetch(`${url}/api/v3/ticker/price?symbol=ETHUSDT`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ symbol: 'ETHUSDT' });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a bad option, naming it, with exit code 2', async () => {
    const child = run(['--port', 'many']);
    started.push(child);
    let errorText = '';
    child.stderr?.on('data', (chunk) => {
      errorText += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(errorText).toContain('port');
  });
});
