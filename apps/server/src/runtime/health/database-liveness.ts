/** How often the database is probed while the server runs. */
export const PROBE_INTERVAL_MS = 1_000;
/** A probe slower than this (a database not answering) counts as a failure. */
export const PROBE_TIMEOUT_MS = 5_000;

/** The last probe's answer: whether it succeeded, how long ago, and how long it took. */
export type LivenessReading = { connected: boolean; ageMs: number; latencyMs: number };

type Probe = { ok: boolean; at: number; latencyMs: number };

/**
 * The database's liveness as `/health` reports it: a `SELECT 1` probe on its own cadence (one
 * every {@link PROBE_INTERVAL_MS} after the previous answered), so a health check never queues
 * behind the bots' transactions on the embedded database (PGlite runs one query or transaction at
 * a time). A reading is `connected` only if the last probe succeeded and its success is at most
 * one interval plus {@link PROBE_TIMEOUT_MS} old: a probe stuck behind a hung database turns
 * the reading into `connected: false` within that bound. Ages use a monotonic clock.
 */
export class DatabaseLiveness {
  readonly #ping: () => Promise<boolean>;
  #last: Probe | undefined;
  #first: Promise<void>;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  /** Starts probing at once; `ping` must resolve `false` (not reject) when unreachable. */
  constructor(ping: () => Promise<boolean>) {
    this.#ping = ping;
    this.#first = this.#probe();
  }

  /** The latest reading; before the first probe has answered, waits for it. */
  async reading(): Promise<LivenessReading> {
    if (this.#last === undefined) await this.#first;
    const last = this.#last as Probe;
    const ageMs = performance.now() - last.at;
    return {
      connected: last.ok && ageMs <= PROBE_INTERVAL_MS + PROBE_TIMEOUT_MS,
      ageMs: Math.round(ageMs),
      latencyMs: Math.round(last.latencyMs * 10) / 10,
    };
  }

  /** Stops probing (server shutdown). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #probe(): Promise<void> {
    const started = performance.now();
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timeout = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const ok = await Promise.race([this.#ping(), timedOut]);
    clearTimeout(timeout);
    const at = performance.now();
    this.#last = { ok, at, latencyMs: at - started };
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#probe(), PROBE_INTERVAL_MS);
    this.#timer.unref();
  }
}
