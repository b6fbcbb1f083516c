import { Command } from 'commander';
import { renderTradeTable } from '../bot-view.ts';
import { withConnection } from '../connection.ts';
import { botId, nonNegativeInteger, positiveInteger } from '../option-parsers.ts';
import { printJson } from '../output.ts';

type TradesOptions = { limit: number; offset: number; json?: boolean };

/** `tradewind trades [botId]`: fills, newest first, a page at a time. */
export function tradesCommand(): Command {
  return new Command('trades')
    .description("list a bot's trades (fills), newest first; without an id, every bot's")
    .argument('[botId]', 'the bot id, from `tradewind bots list`', botId)
    .option(
      '--limit <count>',
      'at most this many (default 100, at most 1000)',
      positiveInteger,
      100,
    )
    .option('--offset <count>', 'skip this many of the newest first', nonNegativeInteger, 0)
    .option('--json', 'print JSON for scripts')
    .action(async (id: number | undefined, options: TradesOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const page = await client.trades.list.query({
          botId: id,
          limit: options.limit,
          offset: options.offset,
        });
        if (options.json) return printJson(page);
        process.stdout.write(renderTradeTable(page.trades, id === undefined));
        const last = options.offset + page.trades.length;
        if (page.trades.length > 0 && (options.offset > 0 || last < page.total)) {
          const next = last < page.total ? `; --offset ${last} for older ones` : '';
          process.stdout.write(`Trades ${options.offset + 1}-${last} of ${page.total}${next}.\n`);
        }
      });
    });
}
