import { setTimeout as sleep } from 'node:timers/promises';

export type WatchOptions = {
  /** What the screen's title line says is being watched, e.g. `tradewind bots show 12`. */
  title: string;
  /** Time between refreshes. */
  intervalMs: number;
  /** Each refresh's text on a line of its own, no title, no clearing: for `--json` (JSON lines). */
  raw?: boolean;
};

/**
 * Shows `render`'s text again and again until Ctrl-C (SIGINT) or SIGTERM, which end it
 * quietly: the promise resolves and the command exits with code 0. On a terminal each refresh
 * replaces the screen; piped, refreshes follow one another, each under its title line. A
 * failed refresh ends the watch with that error. `render` gets a signal that aborts on Ctrl-C,
 * so a request in flight does not hold the exit up.
 */
export async function watch(
  render: (signal: AbortSignal) => Promise<string>,
  options: WatchOptions,
): Promise<void> {
  const terminal = process.stdout.isTTY === true && !options.raw;
  await untilInterrupted(async (signal) => {
    while (!signal.aborted) {
      let text: string;
      try {
        text = await render(signal);
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      if (signal.aborted) break;
      const title = `Every ${options.intervalMs / 1000}s: ${options.title}   ${new Date().toISOString()}   (Ctrl-C to stop)\n\n`;
      if (options.raw) process.stdout.write(`${text}\n`);
      // Home, then clear: the new screen replaces the old one without scrolling.
      else if (terminal) process.stdout.write(`\x1b[H\x1b[2J${title}${text}`);
      else process.stdout.write(`${title}${text}\n`);
      await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
    }
  });
}

/**
 * Runs `run` with a signal that aborts on Ctrl-C (SIGINT) or SIGTERM, so a long-running
 * command (a watch, a live feed) ends quietly with exit code 0 instead of being killed.
 */
export async function untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
