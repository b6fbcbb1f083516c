import type { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { botId, uuidOf } from '../option-parsers.ts';
import { formatMoney, printJson, printTable } from '../output.ts';

const accountId = uuidOf('an account id');

/** `bots connect-account|disconnect-account|accounts|terminate-accounts`: a bot's exchange accounts. */
export function addBotAccountCommands(bots: Command): void {
  bots
    .command('connect-account')
    .description("connect an exchange account: the bot's signals trade on it too")
    .argument('<botId>', 'the bot id', botId)
    .argument('<accountId>', 'the account id', accountId)
    .action(async (bot: number, account: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.botAccounts.connect.mutate({ botId: bot, accountId: account });
        process.stdout.write(`${result.message}\n`);
      });
    });
  bots
    .command('disconnect-account')
    .description('disconnect an exchange account from the bot')
    .argument('<botId>', 'the bot id', botId)
    .argument('<accountId>', 'the account id', accountId)
    .action(async (bot: number, account: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.botAccounts.disconnect.mutate({
          botId: bot,
          accountId: account,
        });
        process.stdout.write(`${result.message}\n`);
      });
    });
  bots
    .command('accounts')
    .description("the bot's connected accounts with their last synced balance and equity")
    .argument('<botId>', 'the bot id', botId)
    .option('--json', 'print JSON for scripts')
    .action(async (bot: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const accounts = await client.botAccounts.list.query({ botId: bot });
        if (options.json) return printJson(accounts);
        printTable(
          ['Id', 'Name', 'Exchange', 'Balance', 'Equity', 'Active'],
          accounts.map((account) => [
            account.id,
            account.name,
            account.exchange,
            formatMoney(account.balance),
            formatMoney(account.equity),
            account.isActive ? 'yes' : 'no',
          ]),
          'No connected accounts.',
        );
      });
    });
  bots
    .command('terminate-accounts')
    .description('cancel orders and close positions on every account connected to the bot')
    .argument('<botId>', 'the bot id', botId)
    .option('--json', 'print JSON for scripts')
    .action(async (bot: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.botAccounts.terminate.mutate({ botId: bot });
        if (!result.success) process.exitCode = 1;
        if (options.json) return printJson(result);
        process.stdout.write(
          `${result.terminatedAccounts} accounts terminated (${result.terminatedPositions} positions closed, ${result.cancelledOrders} orders cancelled)\n`,
        );
        for (const error of result.errors) process.stdout.write(`error: ${error.message}\n`);
      });
    });
}
