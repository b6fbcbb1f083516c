import { isDomainError } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { loadBacktestBars } from '../../services/backtests/backtest-bars.ts';
import {
  claimNextBacktest,
  failStaleBacktests,
  heartbeatBacktests,
  requeueBacktest,
  saveBacktestProgress,
} from '../../services/backtests/backtest-queue.ts';
import { completeBacktest, stopBacktest } from '../../services/backtests/finish-backtest.ts';
import type { BacktestJobSpec } from './backtest-job-spec.ts';
import { BacktestWorkerPool, type WorkerRun } from './backtest-worker-pool.ts';

type Deps = Pick<ServiceDeps, 'db' | 'config' | 'now' | 'events'>;
type Logger = {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

type RunningJob = {
  run: WorkerRun | null;
  cancelled: boolean;
  /** Progress writes, one after another, so a late write never overtakes the final one. */
  writes: Promise<void>;
  lastWrite: number;
};

/**
 * The backtest queue worker of this process: claims queued jobs (at most `concurrency` at once),
 * runs each on a worker thread, stores throttled progress (published as `backtest.progress`
 * events, the end as `backtest.finished`), heartbeats its claims, honours cancels, and fails
 * jobs whose process died.
 *
 * Restart policy: a job found RUNNING with a stale heartbeat (its process was killed) is marked
 * FAILED "interrupted by restart", not re-queued, so a job that crashes its process cannot crash
 * every process in turn; on a graceful shutdown this process hands its jobs back to the queue.
 */
export class BacktestRunner {
  readonly #deps: Deps;
  readonly #workerId: string;
  readonly #logger: Logger;
  readonly #running = new Map<number, RunningJob>();
  readonly #pool = new BacktestWorkerPool();
  #timers: NodeJS.Timeout[] = [];
  #started = false;
  #ticking: Promise<void> | undefined;
  #tickAgain = false;

  constructor(deps: Deps, options: { workerId: string; logger: Logger }) {
    this.#deps = deps;
    this.#workerId = options.workerId;
    this.#logger = options.logger;
  }

  /** Starts claiming jobs: now, when told of a new one, and on a timer (other processes' jobs). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const beat = Math.max(100, Math.floor(this.#deps.config.backtests.staleMs / 3));
    this.#timers = [
      setInterval(() => this.wake(), Math.min(1_000, beat)),
      setInterval(() => void this.#heartbeat(), beat),
    ];
    this.wake();
  }

  /** Looks for queued work now (a job was just submitted). A no-op while stopped. */
  wake(): void {
    if (!this.#started) return;
    if (this.#ticking) {
      this.#tickAgain = true;
      return;
    }
    this.#ticking = this.#tick()
      .catch((error: unknown) => this.#logger.warn({ err: error }, 'backtest queue poll failed'))
      .finally(() => {
        this.#ticking = undefined;
        if (this.#tickAgain) {
          this.#tickAgain = false;
          this.wake();
        }
      });
  }

  /** Stops a job this process runs (its cancel flag is already stored). */
  cancelLocal(backtestId: number): void {
    const job = this.#running.get(backtestId);
    if (job === undefined) return;
    job.cancelled = true;
    job.run?.cancel();
  }

  /** Graceful stop: no new claims; running jobs are stopped and handed back to the queue. */
  async stop(): Promise<void> {
    this.#started = false;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#ticking;
    const jobs = [...this.#running.entries()];
    await Promise.all(
      jobs.map(async ([backtestId, job]) => {
        await job.run?.terminate();
        await job.writes;
        await requeueBacktest(this.#deps, backtestId, this.#workerId).catch(() => undefined);
      }),
    );
    await this.#pool.close();
  }

  async #tick(): Promise<void> {
    await failStaleBacktests(this.#deps, this.#deps.config.backtests.staleMs);
    while (this.#started && this.#running.size < this.#deps.config.backtests.concurrency) {
      const backtestId = await claimNextBacktest(this.#deps, this.#workerId);
      if (backtestId === null) return;
      const job: RunningJob = {
        run: null,
        cancelled: false,
        writes: Promise.resolve(),
        lastWrite: 0,
      };
      this.#running.set(backtestId, job);
      void this.#execute(backtestId, job)
        .catch(async (error: unknown) => {
          // A bug or a lost database, not the job's fault: say so rather than leave it RUNNING
          // until its heartbeat goes stale and it reads as a restart.
          this.#logger.error({ err: error, backtestId }, 'backtest job failed to finish');
          const reason = `internal error: ${error instanceof Error ? error.message : String(error)}`;
          await stopBacktest(this.#deps, backtestId, this.#workerId, 'FAILED', reason).catch(
            () => undefined,
          );
        })
        .finally(() => {
          this.#running.delete(backtestId);
          this.wake();
        });
    }
  }

  async #execute(backtestId: number, job: RunningJob): Promise<void> {
    const deps = this.#deps;
    const row = await deps.db.prisma.backtest.findUniqueOrThrow({
      where: { id: backtestId },
      select: { userId: true, request: true, csv: true },
    });
    const spec = row.request as unknown as BacktestJobSpec;
    let bars: Awaited<ReturnType<typeof loadBacktestBars>>;
    try {
      bars = await loadBacktestBars(deps, row.userId, spec.data, row.csv);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await stopBacktest(deps, backtestId, this.#workerId, 'FAILED', error.message);
      return;
    }
    this.#progress(backtestId, job, 0, 0, true);
    if (!this.#started) return;
    job.run = this.#pool.run(
      { spec, bars, stepDelayMs: deps.config.backtests.stepDelayMs },
      (barsDone, totalBars) => this.#progress(backtestId, job, barsDone, totalBars, false),
    );
    if (job.cancelled) job.run.cancel();
    const outcome = await job.run.outcome;
    await job.writes;
    if (!this.#started) return; // shutting down: stop() hands the job back
    if (outcome.type === 'completed') {
      await completeBacktest(deps, backtestId, this.#workerId, row.userId, spec, outcome.computed);
    } else if (outcome.type === 'cancelled') {
      await stopBacktest(deps, backtestId, this.#workerId, 'CANCELLED', null);
    } else {
      await stopBacktest(deps, backtestId, this.#workerId, 'FAILED', outcome.reason);
    }
  }

  /** Throttled: stored and published at most every BACKTEST_PROGRESS_INTERVAL_MS, and at the end. */
  #progress(backtestId: number, job: RunningJob, done: number, total: number, force: boolean) {
    const now = Date.now();
    const last = total > 0 && done >= total;
    if (!force && !last && now - job.lastWrite < this.#deps.config.backtests.progressIntervalMs) {
      return;
    }
    job.lastWrite = now;
    job.writes = job.writes
      .then(async () => {
        const cancelRequested = await saveBacktestProgress(
          this.#deps,
          backtestId,
          this.#workerId,
          done,
          total,
        );
        // A cancel stored by another process is seen here within a progress interval.
        if (cancelRequested) this.cancelLocal(backtestId);
      })
      .catch((error: unknown) =>
        this.#logger.warn({ err: error, backtestId }, 'storing backtest progress failed'),
      );
  }

  async #heartbeat(): Promise<void> {
    try {
      const ids = [...this.#running.keys()];
      for (const backtestId of await heartbeatBacktests(this.#deps, this.#workerId, ids)) {
        this.cancelLocal(backtestId);
      }
    } catch (error) {
      this.#logger.warn({ err: error }, 'backtest heartbeat failed');
    }
  }
}
