import { Command, InvalidArgumentError } from 'commander';
import { readExchangeKeys, type SecretOptions } from '../account-secrets.ts';
import { renderAccount, renderAccountTable, renderConversions } from '../account-view.ts';
import { CliError } from '../cli-error.ts';
import { type Connection, withConnection } from '../connection.ts';
import {
  isoDateTime,
  nonNegativeInteger,
  positiveInteger,
  positiveNumber,
} from '../option-parsers.ts';
import {
  formatMoney,
  formatNumber,
  formatSignedMoney,
  formatTimestamp,
  printFacts,
  printJson,
} from '../output.ts';
import { accountsTerminateCommand } from './accounts-terminate.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountId(value: string): string {
  if (!UUID.test(value)) throw new InvalidArgumentError('must be an account id (a UUID)');
  return value.toLowerCase();
}

type JsonOption = { json?: boolean };

/** Whether the exchange asks for a passphrase with its keys, so the prompt knows to ask. */
async function needsPassphrase(client: Connection['client'], exchange: string): Promise<boolean> {
  const { providers } = await client.providers.list.query();
  return (
    providers.find((provider) => provider.id === exchange)?.requiredFields.includes('passphrase') ??
    false
  );
}

/** `tradewind accounts`: exchange and paper accounts, their keys, balances and performance. */
export function accountsCommand(): Command {
  const accounts = new Command('accounts').description(
    'exchange accounts (keys encrypted at rest, never shown) and paper accounts',
  );

  accounts
    .command('create')
    .description(
      'add an exchange account (keys checked with the exchange first) or a paper account',
    )
    .argument('<exchange>', 'an exchange id from `tradewind providers`, or `paper`')
    .option('--name <name>', 'what to call it (default: the exchange name)')
    .option('--api-key <key>', 'the API key (prompted for when absent)')
    .option(
      '--api-secret-stdin',
      'read the API secret from stdin (a second line is the passphrase)',
    )
    .option(
      '--passphrase',
      'prompt for a passphrase too (asked anyway where the exchange needs one)',
    )
    .option('--testnet', "use the exchange's testnet / sandbox")
    .option('--initial-balance <amount>', "a paper account's starting cash", positiveNumber)
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        exchange: string,
        options: SecretOptions &
          JsonOption & { name?: string; testnet?: boolean; initialBalance?: number },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const paper = exchange.toLowerCase() === 'paper';
          const keys = paper
            ? {}
            : await readExchangeKeys(options, await needsPassphrase(client, exchange));
          const created = await client.accounts.create.mutate({
            exchange,
            name: options.name,
            ...keys,
            isTestnet: Boolean(options.testnet),
            initialBalance: options.initialBalance,
          });
          if (options.json) return printJson(created);
          process.stdout.write(`${created.message}\n`);
          process.stdout.write(renderAccount(created.account));
        });
      },
    );

  accounts
    .command('list')
    .description('list your accounts with their last synced balance and equity')
    .option('--limit <count>', 'at most this many (default 20, at most 100)', positiveInteger, 20)
    .option('--skip <count>', 'skip this many', nonNegativeInteger, 0)
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption & { limit: number; skip: number }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const page = await client.accounts.list.query({ limit: options.limit, skip: options.skip });
        if (options.json) return printJson(page);
        process.stdout.write(renderAccountTable(page.accounts));
        const { total, skip } = page.pagination;
        if (page.accounts.length > 0 && (skip > 0 || skip + page.accounts.length < total)) {
          process.stdout.write(
            `Accounts ${skip + 1}-${skip + page.accounts.length} of ${total}.\n`,
          );
        }
      });
    });

  accounts
    .command('show')
    .description('one account: keys state, balances, positions, the bots using it')
    .argument('<id>', 'the account id, from `tradewind accounts list`', accountId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const account = await client.accounts.get.query({ id });
        if (options.json) return printJson(account);
        process.stdout.write(renderAccount(account));
      });
    });

  accounts
    .command('update-credentials')
    .description("replace an exchange account's keys (the new ones are checked first)")
    .argument('<id>', 'the account id', accountId)
    .option('--api-key <key>', 'the new API key (prompted for when absent)')
    .option(
      '--api-secret-stdin',
      'read the new API secret from stdin (a second line is the passphrase)',
    )
    .option('--passphrase', 'prompt for a passphrase too')
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: SecretOptions & JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const account = await client.accounts.get.query({ id });
        if (account.accountInfo.isPaper) throw new CliError('a paper account has no API keys');
        const keys = await readExchangeKeys(
          options,
          await needsPassphrase(client, account.accountInfo.exchange),
        );
        const result = await client.accounts.updateCredentials.mutate({ id, ...keys });
        if (options.json) return printJson(result);
        process.stdout.write(`Credentials of account ${id} updated\n`);
      });
    });

  accounts
    .command('sync')
    .description('read balances from the exchange now and value them in your currency')
    .argument('<id>', 'the account id', accountId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const synced = await client.accounts.syncBalance.mutate({ id });
        if (options.json) return printJson(synced);
        printFacts([
          ['Balance', `${formatMoney(synced.balance)} ${synced.currency}`],
          ['Equity', `${formatMoney(synced.equity)} ${synced.currency}`],
          ['Synced', formatTimestamp(synced.syncedAt)],
          [
            'Unpriced',
            synced.valuation.unpriced
              .map((u) => `${formatNumber(u.amount)} ${u.currency}`)
              .join('\n') || '-',
          ],
        ]);
        process.stdout.write(renderConversions(synced.valuation.conversions));
      });
    });

  accounts
    .command('test')
    .description("check keys with a real signed call: an account's stored keys, or keys given here")
    .argument('[id]', 'the account id (omit to test keys given with --exchange)', accountId)
    .option('--exchange <exchange>', 'the exchange of the keys to test')
    .option('--api-key <key>', 'the API key (prompted for when absent)')
    .option(
      '--api-secret-stdin',
      'read the API secret from stdin (a second line is the passphrase)',
    )
    .option('--passphrase', 'prompt for a passphrase too')
    .option('--testnet', "the keys are for the exchange's testnet")
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: string | undefined,
        options: SecretOptions & JsonOption & { exchange?: string; testnet?: boolean },
        command: Command,
      ) => {
        if ((id === undefined) === (options.exchange === undefined)) {
          throw new CliError('give an account id, or --exchange with the keys to test');
        }
        await withConnection(command, 'required', async ({ client }) => {
          const input =
            id !== undefined
              ? { accountId: id }
              : {
                  provider: options.exchange,
                  ...(await readExchangeKeys(
                    options,
                    await needsPassphrase(client, options.exchange ?? ''),
                  )),
                  isTestnet: Boolean(options.testnet),
                };
          const result = await client.accounts.testKeys.mutate(input);
          if (options.json) return printJson(result);
          const { canRead, canTrade, canWithdraw } = result.permissions;
          process.stdout.write(
            `${result.message} (${result.provider}): read ${canRead ? 'yes' : 'no'}, trade ${canTrade ? 'yes' : 'no'}, withdraw ${canWithdraw === null ? 'not reported' : canWithdraw ? 'yes' : 'no'}\n`,
          );
        });
      },
    );

  accounts
    .command('performance')
    .description("an account's equity change, drawdown and bot fills over a time range")
    .argument('<id>', 'the account id', accountId)
    .option('--from <time>', 'start (ISO 8601; default: when the account was created)', isoDateTime)
    .option('--to <time>', 'end (ISO 8601; default: now)', isoDateTime)
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: string,
        options: JsonOption & { from?: string; to?: string },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const report = await client.accounts.performance.query({
            id,
            startDate: options.from,
            endDate: options.to,
          });
          if (options.json) return printJson(report);
          const { metrics } = report;
          printFacts([
            ['From', formatTimestamp(report.timeRange.startDate)],
            ['To', formatTimestamp(report.timeRange.endDate)],
            [
              'Start equity',
              `${formatMoney(metrics.startEquity)} ${metrics.currency ?? ''}`.trim(),
            ],
            ['End equity', `${formatMoney(metrics.endEquity)} ${metrics.currency ?? ''}`.trim()],
            ['PnL', formatSignedMoney(metrics.pnl)],
            ['PnL %', metrics.pnlPercent === null ? '-' : `${metrics.pnlPercent.toFixed(2)}%`],
            [
              'Max drawdown',
              metrics.maxDrawdownPercent === null
                ? '-'
                : `${metrics.maxDrawdownPercent.toFixed(2)}%`,
            ],
            ['Syncs', String(metrics.snapshots)],
            ['Bot fills', String(metrics.trades)],
            ['Realized PnL', formatSignedMoney(metrics.realizedPnl)],
          ]);
        });
      },
    );

  accounts
    .command('delete')
    .description('delete an account and its keys (refused while a running bot uses it)')
    .argument('<id>', 'the account id', accountId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.accounts.delete.mutate({ id });
        if (options.json) return printJson(result);
        process.stdout.write(`Deleted account ${id}\n`);
      });
    });

  accounts.addCommand(accountsTerminateCommand());
  return accounts;
}
