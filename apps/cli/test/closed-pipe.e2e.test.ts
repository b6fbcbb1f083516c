// `tradewind ... | head`: the reader closes the pipe early; the CLI must stop quietly, as Unix
// tools do, not print an EPIPE stack trace and exit 1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ohlcvPath } from '@tradewind/testing';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/tradewind.mjs', import.meta.url));

/** Runs `command | head -n 2` in bash; `code` is the exit status of `command`, not head's. */
function pipedToHead(args: string[]): Promise<{ code: string; stdout: string; stderr: string }> {
  const command = [process.execPath, bin, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${command} | head -n 2; echo "exit=\${PIPESTATUS[0]}"`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', () => {
      const code = stdout.match(/exit=(\d+)\s*$/)?.[1] ?? 'none';
      resolve({ code, stdout: stdout.replace(/exit=\d+\s*$/, ''), stderr });
    });
  });
}

describe('tradewind on a closed pipe', () => {
  it('backtest run --json | head exits 0 without a word on stderr', async () => {
    const run = await pipedToHead([
      'backtest',
      'run',
      '--strategy',
      'MovingAverage',
      '--data',
      ohlcvPath('orcl-1995-2014.txt'),
      '--json',
    ]);
    expect(run.stdout).toBe('{\n  "source": {\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe('0');
  });
});
