#!/usr/bin/env node
// The root test commands: every named turbo task of every package, two at a time, going on past a
// failure, so one run reports every failing task; it ends with each task's time and one line:
//   tasks: 24 of 26 passed; failed: @tradewind/e2e#test, @tradewind/server#test (14m 2s)
// A failed task's last lines (vitest's failure report) are printed again after that line, so the
// reason is at the end of the log, where a CI excerpt keeps it.
// At most two tasks run at once unless `--concurrency=N` is given: on a 2-core machine more test
// processes only time each other out.
//
// Turbo works out the tasks (`--dry=json`) and runs each one (`turbo run <task> --filter=<pkg>
// --only`: its cache, its environment rules). The order is ours: turbo starts ready tasks in graph
// order, which put the longest suite (e2e, which depends on every package) last, running alone
// on one core after everything else. Here the longest go first: test suites before typechecks
// and lints, suites with more test files first, each task once its dependencies have passed.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const concurrencyArg = args.find((arg) => arg.startsWith('--concurrency='));
const concurrency = concurrencyArg ? Number(concurrencyArg.split('=')[1]) : 2;
const taskNames = args.filter((arg) => !arg.startsWith('--'));
const root = new URL('../../', import.meta.url);
const turbo = 'turbo';
const started = Date.now();
const TAIL_LINES = 150;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes are control characters
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

const tasks = plannedTasks();
const results = await runAll(tasks);
const failed = tasks.filter((task) => results.get(task.id)?.code !== 0).map((task) => task.id);
for (const task of tasks) {
  const result = results.get(task.id);
  const outcome = result === undefined ? 'not run' : result.code === 0 ? 'ok' : 'FAILED';
  process.stdout.write(
    `  ${duration(result?.ms ?? 0).padStart(7)}  ${outcome.padEnd(7)} ${task.id}\n`,
  );
}
const passed = `${tasks.length - failed.length} of ${tasks.length} passed`;
const elapsed = duration(Date.now() - started);
process.stdout.write(
  failed.length === 0
    ? `tasks: ${passed} (${elapsed})\n`
    : `tasks: ${passed}; failed: ${failed.join(', ')} (${elapsed})\n`,
);
for (const id of failed) {
  const tail = results.get(id)?.tail;
  if (tail === undefined || tail.length === 0) continue;
  process.stdout.write(`\n--- ${id}: its last ${tail.length} lines ---\n${tail.join('\n')}\n`);
}
process.exit(failed.length === 0 ? 0 : 1);

/** The tasks turbo would run (those with a script), longest expected first. */
function plannedTasks() {
  const dry = spawnSync(turbo, ['run', ...taskNames, '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (dry.status !== 0) {
    process.stderr.write(dry.stderr);
    process.stdout.write(`tasks: turbo could not plan ${taskNames.join(' ')}\n`);
    process.exit(dry.status ?? 1);
  }
  const all = JSON.parse(dry.stdout).tasks;
  const real = new Set(all.filter(hasScript).map((task) => task.taskId));
  return all
    .filter(hasScript)
    .map((task) => ({
      id: task.taskId,
      package: task.package,
      task: task.task,
      // Dependencies with a script; the others (`transit`) do nothing.
      dependencies: task.dependencies.filter((id) => real.has(id)),
      weight: task.task.startsWith('test') ? 1 + testFiles(join(root.pathname, task.directory)) : 0,
    }))
    .sort((a, b) => b.weight - a.weight);
}

function hasScript(task) {
  return task.command !== '<NONEXISTENT>';
}

/** How many `*.test.ts` files a package has: a good-enough guess at how long its suite takes. */
function testFiles(directory) {
  let count = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) count += testFiles(join(directory, entry.name));
    else if (entry.name.endsWith('.test.ts')) count += 1;
  }
  return count;
}

/** Runs every task, at most `concurrency` at once; a task whose dependency failed is not run. */
function runAll(planned) {
  const results = new Map();
  const waiting = [...planned];
  let running = 0;
  return new Promise((resolve) => {
    const next = () => {
      for (let i = 0; i < waiting.length && running < concurrency; ) {
        const task = waiting[i];
        const states = task.dependencies.map((id) => results.get(id));
        if (states.some((state) => state === undefined || state.code === null)) {
          i += 1;
          continue;
        }
        waiting.splice(i, 1);
        if (states.some((state) => state.code !== 0)) continue;
        running += 1;
        const entry = { code: null, ms: 0, tail: [] };
        results.set(task.id, entry);
        const start = Date.now();
        runOne(task, entry.tail).then((code) => {
          entry.code = code;
          entry.ms = Date.now() - start;
          running -= 1;
          next();
        });
      }
      if (running === 0) resolve(results);
    };
    next();
  });
}

/** Runs one task, its output passed through as it comes; `tail` keeps its last lines. */
function runOne(task, tail) {
  const child = spawn(
    turbo,
    ['run', task.task, `--filter=${task.package}`, '--only', '--ui=stream', '--log-prefix=task'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let partial = '';
  const keep = (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) tail.push(line.replace(ANSI_ESCAPE, ''));
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    keep(chunk);
  });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    keep(chunk);
  });
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
