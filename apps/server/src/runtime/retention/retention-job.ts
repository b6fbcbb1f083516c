import type { Database } from '@tradewind/db';
import { type PruneCounts, pruneStorage } from '../../services/retention/prune-storage.ts';
import type { RetentionConfig } from './retention-config.ts';

type Logger = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/**
 * Runs a retention pass at start and then every `intervalMs`, one at a time, so the database
 * stays bounded however long the server runs. A failed pass is logged and retried next time.
 */
export class RetentionJob {
  readonly #deps: { db: Database; now: () => Date; logger?: Logger };
  readonly #config: RetentionConfig & { replayWindowMs: number };
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<PruneCounts | undefined> | undefined;

  constructor(
    deps: { db: Database; now: () => Date; logger?: Logger },
    config: RetentionConfig & { replayWindowMs: number },
  ) {
    this.#deps = deps;
    this.#config = config;
  }

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#config.intervalMs);
    this.#timer.unref();
  }

  /** One pass (or the one under way); the counts, or undefined when it failed. */
  runOnce(): Promise<PruneCounts | undefined> {
    this.#pass ??= pruneStorage(this.#deps.db, this.#config, this.#deps.now())
      .then((counts) => {
        if (Object.values(counts).some((count) => count > 0)) {
          this.#deps.logger?.info({ pruned: counts }, 'retention pass');
        }
        return counts;
      })
      .catch((error: unknown) => {
        this.#deps.logger?.warn({ err: error }, 'retention pass failed');
        return undefined;
      })
      .finally(() => {
        this.#pass = undefined;
      });
    return this.#pass;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#pass;
  }
}
