import { type Execution, ORDER_SIDES, TRADE_ORDER_TYPES } from '@tradewind/sdk';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { percent, positiveNumber, symbol, uuidOf } from '../option-parsers.ts';
import { formatNumber, formatPrice, printJson, printTable } from '../output.ts';

type ExecuteOptions = {
  group: string;
  symbol: string;
  side: (typeof ORDER_SIDES)[number];
  type: (typeof TRADE_ORDER_TYPES)[number];
  risk: number;
  price?: number;
  leverage?: number;
  takeProfit?: number;
  idempotencyKey?: string;
  json?: boolean;
};

/** One row per account; exit code 1 when no account took the order. */
export function printExecution(execution: Execution): void {
  printTable(
    ['Account', 'Exchange', 'Status', 'Quantity', 'Price', 'Order / reason'],
    execution.results.map((result) => [
      result.accountName,
      result.exchange,
      result.status,
      formatNumber(result.filled ?? result.quantity),
      formatPrice(result.price),
      result.error ?? result.orderId ?? '-',
    ]),
    'No accounts.',
  );
  process.stdout.write(
    `${execution.successCount} succeeded, ${execution.errorCount} failed${execution.replayed ? ' (replayed: nothing sent again)' : ''}\n`,
  );
}

/** `tradewind trade`: orders on exchange accounts (seed 001 Trading API). */
export function tradeCommand(): Command {
  const trade = new Command('trade').description('place orders on your exchange accounts');
  trade
    .command('execute')
    .description("one order on every account of a group, sized as a share of each account's equity")
    .requiredOption('--group <groupId>', 'the group', uuidOf('a group id'))
    .requiredOption('--symbol <pair>', 'the pair, e.g. BTC/USDT', symbol)
    .addOption(
      new Option('--side <side>', 'buy or sell').choices(ORDER_SIDES).makeOptionMandatory(),
    )
    .addOption(
      new Option('--type <type>', 'order type').choices(TRADE_ORDER_TYPES).default('market'),
    )
    .requiredOption('--risk <percent>', "percent of each account's equity", percent)
    .option('--price <price>', 'limit price (limit orders)', positiveNumber)
    .option('--leverage <x>', 'leverage (derivatives accounts only)', positiveNumber)
    .option('--take-profit <price>', 'a linked limit sell at this price', positiveNumber)
    .option('--idempotency-key <key>', 'the same key answers the first execution again')
    .option('--json', 'print JSON for scripts')
    .action(async (options: ExecuteOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const execution = await client.trading.executeGroup.mutate({
          groupId: options.group,
          symbol: options.symbol,
          side: options.side,
          orderType: options.type,
          riskPercentage: options.risk,
          price: options.price,
          leverage: options.leverage,
          takeProfit: options.takeProfit,
          idempotencyKey: options.idempotencyKey,
        });
        if (execution.successCount === 0) process.exitCode = 1;
        if (options.json) return printJson(execution);
        printExecution(execution);
      });
    });
  trade
    .command('close')
    .description('close the open position in a pair at market')
    .argument('<accountId>', 'the account id', uuidOf('an account id'))
    .argument('<pair>', 'the pair, e.g. BTC/USDT', symbol)
    .option('--json', 'print JSON for scripts')
    .action(
      async (accountId: string, pair: string, options: { json?: boolean }, command: Command) => {
        await withConnection(command, 'required', async ({ client }) => {
          const closed = await client.trading.closePosition.mutate({ accountId, symbol: pair });
          if (options.json) return printJson(closed);
          process.stdout.write(
            `Position closed: ${formatNumber(closed.quantity)} ${pair} at ${formatPrice(closed.price)}, PnL ${formatNumber(closed.pnl)}\n`,
          );
        });
      },
    );
  return trade;
}
