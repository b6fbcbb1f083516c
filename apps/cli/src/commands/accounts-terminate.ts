import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { uuidOf } from '../option-parsers.ts';
import { printJson } from '../output.ts';

/** `tradewind accounts terminate <id>`: every order cancelled, every position closed. */
export function accountsTerminateCommand(): Command {
  return new Command('terminate')
    .description('cancel the open orders and close the open positions Tradewind has on an account')
    .argument('<accountId>', 'the account id', uuidOf('an account id'))
    .option('--json', 'print JSON for scripts')
    .action(async (accountId: string, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.trading.terminateAccount.mutate({ accountId });
        if (!result.success) process.exitCode = 1;
        if (options.json) return printJson(result);
        process.stdout.write(
          `${result.terminatedPositions} positions closed, ${result.cancelledOrders} orders cancelled\n`,
        );
        for (const error of result.errors) {
          process.stdout.write(
            `error${error.symbol ? ` (${error.symbol})` : ''}: ${error.message}\n`,
          );
        }
      });
    });
}
