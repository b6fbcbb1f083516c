/**
 * The fuzz run's settings and tally: a fixed seed and a bounded number of cases per procedure
 * in CI; `pnpm fuzz` sets FUZZ_RANDOM=1 (a random seed) and more FUZZ_RUNS. The seed and the
 * figures are printed either way, so a failure is replayed with FUZZ_SEED=<seed>.
 */
import type { Answer } from './doors.ts';

const CI_SEED = 20_261_203;

export const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : process.env.FUZZ_RANDOM
    ? Math.floor(Math.random() * 2 ** 31)
    : CI_SEED;

/** Generated inputs per procedure or route; each is sent by every caller. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.FUZZ_RANDOM ? 100 : 8));

/** Requests in flight at once against the one server. */
export const CONCURRENCY = 4;

export type Finding = { door: string; target: string; caller: string; input: string; why: string };

export type Tally = {
  requests: Record<string, number>;
  statuses: Record<string, Record<number, number>>;
  findings: Finding[];
  /** Milliseconds spent per target, to see where the time goes. */
  durations: Record<string, number>;
};

export function newTally(): Tally {
  return { requests: {}, statuses: {}, findings: [], durations: {} };
}

export function count(tally: Tally, door: string, answer: Answer): void {
  tally.requests[door] = (tally.requests[door] ?? 0) + 1;
  const statuses = tally.statuses[door] ?? {};
  tally.statuses[door] = statuses;
  statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
}

/** An input as a short, replayable string for a finding. */
export function show(input: unknown): string {
  const text = JSON.stringify(input) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/** Runs `tasks` with at most CONCURRENCY in flight. */
export async function pool(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task?.();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export function report(title: string, tally: Tally): string {
  const lines = [`${title}: seed ${SEED}, ${RUNS} runs`];
  for (const [door, requests] of Object.entries(tally.requests)) {
    const statuses = tally.statuses[door] ?? {};
    const fiveXx = Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    lines.push(
      `  ${door}: ${requests} requests, ${fiveXx} 5xx, statuses ${JSON.stringify(statuses)}`,
    );
  }
  const slowest = Object.entries(tally.durations)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([target, ms]) => `${target} ${(ms / 1000).toFixed(1)} s`);
  lines.push(`  slowest: ${slowest.join(', ')}`);
  lines.push(`  findings: ${tally.findings.length}`);
  for (const finding of tally.findings.slice(0, 50)) {
    lines.push(
      `    ${finding.door} ${finding.target} as ${finding.caller}: ${finding.why} <- ${finding.input}`,
    );
  }
  return lines.join('\n');
}
