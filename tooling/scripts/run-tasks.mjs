#!/usr/bin/env node
// The root test commands: turbo runs the named tasks in every package and goes on past a failure
// (`--continue`), so one run reports every failing package; the last line says how it went:
//   tasks: 24 of 26 passed; failed: @tradewind/e2e#test, @tradewind/server#test (14m 2s)
// At most two tasks run at once unless `--concurrency` is given: on a 2-core machine more test
// processes only time each other out.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const args = process.argv.slice(2);
const concurrency = args.some((arg) => arg.startsWith('--concurrency')) ? [] : ['--concurrency=2'];
const started = Date.now();
const turbo = spawnSync('turbo', ['run', ...args, ...concurrency, '--continue', '--summarize'], {
  stdio: 'inherit',
});
const code = turbo.status ?? 1;
process.stdout.write(`${summaryLine(code)}\n`);
process.exit(code);

/** One line from the run summary turbo wrote (`.turbo/runs/<id>.json`). */
function summaryLine(exitCode) {
  const elapsed = duration(Date.now() - started);
  const runs = new URL('../../.turbo/runs/', import.meta.url);
  const newest = safeList(runs)
    .map((name) => ({ name, time: statSync(new URL(name, runs)).mtimeMs }))
    .filter((file) => file.time >= started)
    .sort((a, b) => b.time - a.time)[0];
  if (newest === undefined) return `tasks: turbo exited with ${exitCode} (${elapsed})`;
  const { tasks } = JSON.parse(readFileSync(new URL(newest.name, runs), 'utf8'));
  const failed = tasks
    .filter((task) => (task.execution?.exitCode ?? 0) !== 0)
    .map((task) => task.taskId);
  const passed = `${tasks.length - failed.length} of ${tasks.length} passed`;
  return failed.length === 0
    ? `tasks: ${passed} (${elapsed})`
    : `tasks: ${passed}; failed: ${failed.join(', ')} (${elapsed})`;
}

function safeList(directory) {
  try {
    return readdirSync(directory).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
