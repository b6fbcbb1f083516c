import type { DomainEventType, RealtimeEvent } from '@tradewind/sdk';
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { botId } from '../option-parsers.ts';
import {
  formatNumber,
  formatPrice,
  formatSignedMoney,
  formatTimestamp,
  printFacts,
  printJson,
} from '../output.ts';
import { loadSdk } from '../sdk.ts';
import { untilInterrupted } from '../watch.ts';

type WatchOptions = {
  bot?: number;
  type?: DomainEventType[];
  since?: string;
  stats?: boolean;
  json?: boolean;
};

/** What an event says, on one line, after its time, bot and type. */
function describe(event: RealtimeEvent): string {
  const { payload } = event;
  switch (event.type) {
    case 'trade.executed': {
      const pnl = typeof payload.pnl === 'number' ? `  pnl ${formatSignedMoney(payload.pnl)}` : '';
      return `${payload.action} ${payload.quantity} ${payload.symbol} @ ${formatPrice(Number(payload.price))}${pnl}`;
    }
    case 'alert':
      return `${payload.kind}: ${payload.message}`;
    case 'bot.started':
      return `${payload.strategy ?? ''} ${Array.isArray(payload.symbols) ? payload.symbols.join(',') : ''}`.trim();
    case 'bot.error':
      return String(payload.message ?? '');
    case 'backtest.progress':
    case 'backtest.finished':
      return `backtest ${payload.backtestId} ${String(payload.status ?? '').toLowerCase()} ${payload.progress}%`;
    default:
      return typeof payload.reason === 'string' ? payload.reason : '';
  }
}

/** The compact human line of one event. */
export function formatEventLine(event: RealtimeEvent): string {
  const bot = event.botId === null ? '-' : `bot ${event.botId}`;
  return [
    formatTimestamp(event.createdAt.toISOString()),
    bot.padEnd(8),
    event.type.padEnd(17),
    describe(event),
  ]
    .join('  ')
    .trimEnd();
}

/**
 * `tradewind watch`: a live feed of your bots' events (started, paused, resumed, trades,
 * alerts, finished, errors) until Ctrl-C. `--since <eventId>` first replays what came after
 * that event (within the server's replay window); `--json` prints one JSON object per line.
 */
export function watchCommand(): Command {
  return new Command('watch')
    .description("follow your bots' events live until Ctrl-C")
    .option('--bot <botId>', 'only this bot', botId)
    .option('--type <types...>', 'only these event types (bot.started, trade.executed, alert, ...)')
    .option('--since <eventId>', 'first replay the events after this event id')
    .option('--stats', "print the server's realtime stats (connections, topics, messages) and exit")
    .option('--json', 'one JSON object per line, for piping')
    .action(async (options: WatchOptions, command: Command) => {
      // Checked against the SDK's list once it is loaded (the CLI loads it lazily).
      const { DOMAIN_EVENT_TYPES } = await loadSdk();
      const unknown = options.type?.filter((type) => !DOMAIN_EVENT_TYPES.includes(type));
      if (unknown?.length) {
        throw new CliError(
          `--type: unknown event type "${unknown[0]}" (expected one of ${DOMAIN_EVENT_TYPES.join(', ')})`,
        );
      }
      await withConnection(command, 'required', async ({ client }) => {
        if (options.stats) {
          const stats = await client.realtime.stats.query();
          if (options.json) return printJson(stats);
          const { websocket, sse, trpc } = stats.connectionsByTransport;
          return printFacts([
            [
              'Connections',
              `${stats.totalConnections} (gateway ${websocket}, SSE ${sse}, tRPC ${trpc})`,
            ],
            ['Sessions', stats.activeSessions.join(', ') || '-'],
            [
              'Subscriptions',
              Object.entries(stats.subscriptionStats)
                .map(([topic, count]) => `${topic} ${count}`)
                .join(', '),
            ],
            [
              'Messages sent',
              `${formatNumber(stats.messagesSentToday)} today, ${formatNumber(stats.messagesSentTotal)} in all`,
            ],
            [
              'Dropped',
              `${formatNumber(stats.messagesDropped)} messages, ${stats.slowConsumersDisconnected} slow consumers cut off`,
            ],
            ['Uptime', `${stats.uptimeHours} h`],
          ]);
        }
        // Asked up front so a wrong id fails at once with the server's message.
        if (options.bot !== undefined) await client.bots.get.query({ botId: options.bot });
        await untilInterrupted(
          (signal) =>
            new Promise<void>((resolve, reject) => {
              const subscription = client.realtime.events.subscribe(
                {
                  botId: options.bot,
                  types: options.type,
                  lastEventId: options.since ?? null,
                },
                {
                  onData: ({ data }) => {
                    process.stdout.write(
                      `${options.json ? JSON.stringify(data) : formatEventLine(data)}\n`,
                    );
                  },
                  onError: (error) => {
                    subscription.unsubscribe();
                    reject(error);
                  },
                },
              );
              signal.addEventListener('abort', () => {
                subscription.unsubscribe();
                resolve();
              });
            }),
        );
      });
    });
}
