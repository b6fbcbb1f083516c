import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's development binary (runs the bundle, building it first when missing). */
export const tradewindBin: string = fileURLToPath(
  new URL('../../bin/tradewind.mjs', import.meta.url),
);

export type Run = { code: number | null; stdout: string; stderr: string };

export type RunOptions = {
  /** Extra environment; the caller's TRADEWIND_* variables are cleared first. */
  env?: Record<string, string>;
  /** Piped to stdin (e.g. for `--password-stdin`); stdin is empty otherwise. */
  stdin?: string;
};

/** Runs the real `tradewind` binary as a child process, the way an operator's shell does. */
export function tradewind(args: string[], options: RunOptions = {}): Promise<Run> {
  return startTradewind(args, options).done;
}

export type RunningTradewind = {
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Sends a signal, as Ctrl-C (SIGINT) in a terminal would. */
  kill(signal: NodeJS.Signals): void;
  /** Settles when the process exits. */
  done: Promise<Run>;
};

/** {@link tradewind} for commands that run until stopped (`--watch`). */
export function startTradewind(args: string[], options: RunOptions = {}): RunningTradewind {
  const child = spawn(process.execPath, [tradewindBin, ...args], {
    env: {
      ...process.env,
      TRADEWIND_URL: '',
      TRADEWIND_API_KEY: '',
      TRADEWIND_PROFILE: '',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  child.stdin.end(options.stdin ?? '');
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    kill: (signal) => child.kill(signal),
    done,
  };
}
