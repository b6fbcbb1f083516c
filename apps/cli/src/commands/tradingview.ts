import type { TradewindOutputs } from '@tradewind/sdk';
import { TRADINGVIEW_SIGNAL_STATUSES } from '@tradewind/sdk/enums';
import { Command, InvalidArgumentError, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { botId, isoDateTime, nonNegativeInteger, positiveInteger } from '../option-parsers.ts';
import {
  formatNumber,
  formatPrice,
  formatTimestamp,
  printFacts,
  printJson,
  printTable,
} from '../output.ts';

type Signal = TradewindOutputs['signals']['get'];
type SignalStatus = Signal['status'];

type SignalsOptions = {
  status?: SignalStatus;
  bot?: string;
  botId?: number;
  since?: string;
  limit: number;
  offset: number;
  json?: boolean;
};

/** What a signal did, in a cell: each bot's fill or error, else why it was refused. */
function outcomeOf(signal: Signal): string {
  if (signal.results.length === 0) return signal.reason ?? '-';
  return signal.results
    .map((result) =>
      result.success
        ? `#${result.botId}: ${result.action} ${formatNumber(result.quantity)} @ ${formatPrice(result.price)}`
        : `#${result.botId}: ${result.error}`,
    )
    .join('\n');
}

function tokenCommand(): Command {
  const token = new Command('token').description(
    'your TradingView webhook token: show, rotate (create) or revoke',
  );
  token
    .command('show', { isDefault: true })
    .description('show whether you have a token (its prefix and when it was last used)')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const status = await client.signals.token.query();
        if (options.json) return printJson(status);
        if (!status) {
          process.stdout.write(
            'No TradingView webhook token. Create one with `tradewind tradingview token rotate`.\n',
          );
          return;
        }
        printFacts([
          ['Prefix', `${status.prefix}…`],
          ['Created', formatTimestamp(status.createdAt)],
          ['Last used', formatTimestamp(status.lastUsedAt, 'never')],
        ]);
      });
    });
  token
    .command('rotate')
    .description('create a token, or replace yours (the old one stops working); shown this once')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client, url }) => {
        const created = await client.signals.rotateToken.mutate();
        const webhookUrl = `${url}${created.webhookPath}`;
        if (options.json) return printJson({ ...created, webhookUrl });
        printFacts([
          ['Token', created.token],
          ['Webhook URL', webhookUrl],
          ['Created', formatTimestamp(created.createdAt)],
        ]);
        process.stdout.write(
          'Store the token now: it is never shown again. Paste the webhook URL into the TradingView alert.\n',
        );
      });
    });
  token
    .command('revoke')
    .description('delete your token: alerts using it are refused from now on')
    .action(async (_options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const done = await client.signals.revokeToken.mutate();
        process.stdout.write(`${done.message}\n`);
      });
    });
  return token;
}

function signalsCommand(): Command {
  return new Command('signals')
    .description('list received TradingView signals, newest first: executed, rejected and why')
    .addOption(
      new Option('--status <status>', 'only signals with this status').choices(
        TRADINGVIEW_SIGNAL_STATUSES,
      ),
    )
    .option('--bot <name>', 'only signals naming this bot')
    .option('--bot-id <id>', 'only signals executed on this bot', botId)
    .option('--since <time>', 'only signals received at or after this time', isoDateTime)
    .option('--limit <count>', 'at most this many (default 50, at most 500)', maxLimit, 50)
    .option('--offset <count>', 'skip this many of the newest first', nonNegativeInteger, 0)
    .option('--json', 'print JSON for scripts')
    .action(async (options: SignalsOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const page = await client.signals.list.query({
          status: options.status,
          botName: options.bot,
          botId: options.botId,
          since: options.since,
          limit: options.limit,
          offset: options.offset,
        });
        if (options.json) return printJson(page);
        printTable(
          ['Received', 'Correlation id', 'Status', 'Bot', 'Side', 'Symbol', 'Outcome'],
          page.signals.map((signal) => [
            formatTimestamp(signal.receivedAt),
            signal.id,
            `${signal.status} (${signal.httpStatus})`,
            signal.botName ?? '-',
            signal.side ?? '-',
            signal.symbol ?? '-',
            outcomeOf(signal),
          ]),
          'No TradingView signals.',
        );
        const last = options.offset + page.signals.length;
        if (page.signals.length > 0 && last < page.total) {
          process.stdout.write(
            `Signals ${options.offset + 1}-${last} of ${page.total}; --offset ${last} for older ones.\n`,
          );
        }
      });
    });
}

function maxLimit(value: string): number {
  const limit = positiveInteger(value);
  if (limit > 500) throw new InvalidArgumentError('must be at most 500.');
  return limit;
}

/** `tradewind tradingview`: the webhook token and the signal log of TradingView alerts. */
export function tradingViewCommand(): Command {
  return new Command('tradingview')
    .description('TradingView alerts: your webhook token and the signals received')
    .addCommand(tokenCommand())
    .addCommand(signalsCommand());
}
