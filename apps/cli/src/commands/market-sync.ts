import type { TradewindClient, TradewindInputs, TradewindOutputs } from '@tradewind/sdk';
import { TIMEFRAMES } from '@tradewind/sdk/enums';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { symbol } from '../option-parsers.ts';
import { formatTimestamp, printTable } from '../output.ts';
import { untilInterrupted } from '../watch.ts';

type SyncInput = TradewindInputs['market']['sync'];
type SyncEvent = TradewindOutputs['market']['sync'] extends AsyncIterable<infer E> ? E : never;
type Done = Extract<SyncEvent, { type: 'done' }>;
type SyncOptions = {
  timeframe: SyncInput['timeframe'];
  since: string;
  until?: string;
  json?: boolean;
};

/** A bar on stderr for a person at a terminal; JSON lines on stdout for everything else. */
function progressView(json: boolean) {
  if (json || !process.stderr.isTTY) {
    return {
      show: (event: SyncEvent) => process.stdout.write(`${JSON.stringify(event)}\n`),
      stop() {},
    };
  }
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'sync |{bar}| {percentage}% | {value}/{total} bars | through {through}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    show: (event: SyncEvent) => {
      const through = event.through ? formatTimestamp(event.through) : '-';
      if (!started) bar.start(event.expected, event.covered, { through });
      else bar.update(event.covered, { through });
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Streams one sync until its `done`; Ctrl-C ends it (the server stops after the page in flight). */
function follow(
  client: TradewindClient,
  input: SyncInput,
  interrupt: AbortSignal,
  onEvent: (event: SyncEvent) => void,
): Promise<Done> {
  return new Promise((resolve, reject) => {
    let last: SyncEvent | undefined;
    let settled = false;
    const subscription = client.market.sync.subscribe(input, {
      onData: (event) => {
        last = event;
        onEvent(event);
        if (event.type === 'done') finish(() => resolve(event));
      },
      onError: (error) => finish(() => reject(error)),
      // Over SSE a 502 (the exchange failing) is a reconnect, not an error: stop at the first.
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error?.data) {
          const { error } = state;
          finish(() => reject(error));
        }
      },
      onComplete: () =>
        finish(() => reject(new CliError(`the server ended the sync early${resumeHint(last)}`))),
    });
    const stop = () => finish(() => reject(new CliError(`sync interrupted${resumeHint(last)}`)));
    interrupt.addEventListener('abort', stop, { once: true });
    function finish(settle: () => void) {
      // Unsubscribing completes the subscription: settle first, once.
      if (settled) return;
      settled = true;
      interrupt.removeEventListener('abort', stop);
      settle();
      subscription.unsubscribe();
    }
  });
}

function resumeHint(last: SyncEvent | undefined): string {
  const through = last?.through ? ` through ${formatTimestamp(last.through)}` : '';
  return ` (stored${through}); run the same command again to resume`;
}

function printSummary(done: Done): void {
  process.stdout.write(
    `Synced ${done.exchange} ${done.symbol} ${done.timeframe}: ${done.stored} new of ${done.fetched} fetched; ` +
      `${done.candles} stored from ${formatTimestamp(done.from)} to ${formatTimestamp(done.to)}\n`,
  );
  if (done.missing === 0) return;
  process.stdout.write(`${done.missing} bars missing on the exchange (not filled in):\n`);
  printTable(
    ['From', 'To', 'Missing'],
    done.gaps.map((gap) => [
      formatTimestamp(gap.from),
      formatTimestamp(gap.to),
      String(gap.missing),
    ]),
    '',
  );
}

/** `tradewind market sync <exchange> <symbol>`: an exchange's history into the candles table. */
export function marketSyncCommand(): Command {
  return new Command('sync')
    .description("fetch an exchange's candle history into the stored candles (resumable)")
    .argument('<exchange>', 'exchange id, e.g. binance (see `tradewind providers`)')
    .argument('<symbol>', 'e.g. BTC/USDT', symbol)
    .addOption(
      new Option('--timeframe <timeframe>', 'bar interval').choices(TIMEFRAMES).default('1d'),
    )
    .requiredOption('--since <date>', 'first bar, e.g. 2024-01-01 or 2024-01-01T00:00:00Z')
    .option('--until <date>', 'last bar (default: the last closed one)')
    .option('--json', 'JSON lines (progress events, then the summary) even on a terminal')
    .action(async (exchange: string, ticker: string, options: SyncOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const input: SyncInput = {
          exchange,
          symbol: ticker,
          timeframe: options.timeframe,
          since: options.since,
          ...(options.until !== undefined && { until: options.until }),
        };
        const view = progressView(options.json === true);
        let done: Done;
        try {
          done = await untilInterrupted((interrupt) => follow(client, input, interrupt, view.show));
        } finally {
          view.stop();
        }
        if (options.json || !process.stderr.isTTY) return;
        printSummary(done);
      });
    });
}
