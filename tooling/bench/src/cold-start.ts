/**
 * Cold start: wall time from spawning the server process to the first `/health` that answers
 * ok, on an embedded database that is already migrated (the everyday restart).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tradewind/testing';
import { formatNumber, summarize } from './stats.ts';

const RUNS = 5;
const serverEntry = fileURLToPath(new URL('main.ts', import.meta.resolve('@tradewind/server')));

async function startAndTimeHealth(dataDir: string): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: path.dirname(serverEntry),
    // Embedded database whatever the caller's environment says (DATABASE_URL may be set for
    // the PostgreSQL figures of other benchmarks).
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      TRADEWIND_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { ms: performance.now() - started, child };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-bench-cold-'));
try {
  const first = await startAndTimeHealth(dataDir);
  await stop(first.child);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { ms, child } = await startAndTimeHealth(dataDir);
    times.push(ms);
    await stop(child);
  }
  const { min, median, max } = summarize(times);
  console.log('## Cold start to /health ok (embedded PGlite, already migrated)\n');
  console.log('| measure | min | median | max |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| first start (creates and migrates the database) | ${formatNumber(first.ms)} ms | | |`,
  );
  console.log(
    `| restart, ${RUNS} runs | ${formatNumber(min)} ms | ${formatNumber(median)} ms | ${formatNumber(max)} ms |`,
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
