import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { positiveInteger, uuidOf } from '../option-parsers.ts';
import { formatNumber, formatPrice, formatTimestamp, printJson, printTable } from '../output.ts';

const STATUSES = ['closed', 'open', 'all'] as const;

/** `tradewind positions <account>`: positions Tradewind traded on an exchange account. */
export function positionsCommand(): Command {
  return new Command('positions')
    .description('recent positions of an exchange account (closed by default), newest first')
    .argument('<accountId>', 'the account id', uuidOf('an account id'))
    .addOption(
      new Option('--status <status>', 'which positions').choices(STATUSES).default('closed'),
    )
    .option('--limit <n>', 'at most this many (default 50)', positiveInteger, 50)
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        accountId: string,
        options: { status: (typeof STATUSES)[number]; limit: number; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const positions = await client.trading.positions.query({
            accountId,
            status: options.status,
            limit: options.limit,
          });
          if (options.json) return printJson(positions);
          printTable(
            ['Symbol', 'Side', 'Size', 'Entry', 'Exit', 'PnL', 'Fee', 'Closed'],
            positions.map((position) => [
              position.symbol,
              position.side,
              formatNumber(position.size),
              formatPrice(position.entryPrice),
              formatPrice(position.exitPrice),
              formatNumber(position.pnl),
              formatNumber(position.fee),
              formatTimestamp(position.closedAt, 'open'),
            ]),
            'No positions.',
          );
        });
      },
    );
}
