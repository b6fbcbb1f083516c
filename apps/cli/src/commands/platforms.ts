import { Command } from 'commander';
import { renderConversions } from '../account-view.ts';
import { withConnection } from '../connection.ts';
import { formatMoney, formatNumber, formatTimestamp, printJson, printTable } from '../output.ts';

type JsonOption = { json?: boolean };

/** `tradewind providers`: where accounts can be opened and which fields each needs. */
export function providersCommand(): Command {
  return new Command('providers')
    .description('exchanges (and paper) you can add an account on, with the fields each needs')
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption, command: Command) => {
      await withConnection(command, 'optional', async ({ client }) => {
        const { providers } = await client.providers.list.query();
        if (options.json) return printJson(providers);
        printTable(
          ['ID', 'Type', 'Name', 'Required fields', 'Description'],
          providers.map((p) => [
            p.id,
            p.type,
            p.displayName,
            p.requiredFields.join(', '),
            p.description,
          ]),
          'No providers.',
        );
      });
    });
}

/** `tradewind platforms [--health]`: the exchanges, and with --health a real check of each. */
export function platformsCommand(): Command {
  return new Command('platforms')
    .description('trading platforms; --health checks each one you hold keys on (latency, keys)')
    .option('--health', 'call each exchange you have keys on now: status, key check, latency')
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption & { health?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        if (options.health) {
          const health = await client.platforms.health.query();
          if (options.json) return printJson(health);
          printTable(
            ['Platform', 'Status', 'Keys', 'Keys valid', 'Latency', 'Checked', 'Error'],
            Object.entries(health.platforms).map(([id, h]) => [
              id,
              h.status,
              h.hasKeys ? 'yes' : 'no',
              h.keysValid === null ? '-' : h.keysValid ? 'yes' : 'no',
              h.apiLatencyMs === null ? '-' : `${h.apiLatencyMs} ms`,
              formatTimestamp(h.lastCheck),
              h.error ?? '',
            ]),
            'No platforms.',
          );
          return;
        }
        const list = await client.platforms.list.query();
        if (options.json) return printJson(list);
        printTable(
          ['ID', 'Name', 'Region', 'Paper', 'Live', 'Testnet', 'Bot limit'],
          list.platforms.map((p) => [
            p.id,
            p.displayName,
            p.region ?? '-',
            p.supportsPaper ? 'yes' : 'no',
            p.supportsLive ? 'yes' : 'not yet',
            p.supportsTestnet ? 'yes' : 'no',
            String(p.botLimit),
          ]),
          'No platforms.',
        );
      });
    });
}

/** `tradewind wallet balances`: every account's balances now, valued in your currency. */
export function walletCommand(): Command {
  const wallet = new Command('wallet').description('balances across your accounts');
  wallet
    .command('balances')
    .description("read every account's balances now and value them with each exchange's tickers")
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const balances = await client.wallet.balances.query();
        if (options.json) return printJson(balances);
        printTable(
          ['Exchange', 'Currency', 'Amount'],
          Object.entries(balances.balances).flatMap(([exchange, amounts]) =>
            Object.entries(amounts).map(([currency, amount]) => [
              exchange,
              currency,
              formatNumber(amount),
            ]),
          ),
          'No balances. Add an account with `tradewind accounts create`.',
        );
        process.stdout.write(renderConversions(balances.conversions));
        for (const u of balances.unpriced) {
          process.stdout.write(
            `Not valued (no ${u.currency} pair on ${u.exchange}): ${formatNumber(u.amount)} ${u.currency}\n`,
          );
        }
        for (const e of balances.errors) {
          process.stdout.write(`Left out: account ${e.accountId} (${e.exchange}): ${e.message}\n`);
        }
        process.stdout.write(
          `Total: ${formatMoney(balances.totalValue)} ${balances.currency} as of ${formatTimestamp(balances.asOf)}\n`,
        );
      });
    });
  return wallet;
}
