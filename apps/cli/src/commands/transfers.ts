import { TRANSFER_STATUSES } from '@tradewind/sdk';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { positiveInteger, positiveNumber, uuidOf } from '../option-parsers.ts';
import { formatNumber, formatTimestamp, printJson, printTable } from '../output.ts';

type Status = (typeof TRANSFER_STATUSES)[number];

/** `tradewind transfers`: fund transfers between providers, recorded (never performed). */
export function transfersCommand(): Command {
  const transfers = new Command('transfers').description(
    'fund transfers between exchanges: Tradewind records them; you move the funds',
  );
  transfers
    .command('list')
    .description('your transfers, newest first')
    .addOption(new Option('--status <status>', 'only this status').choices(TRANSFER_STATUSES))
    .option('--limit <n>', 'at most this many (default 100)', positiveInteger, 100)
    .option('--json', 'print JSON for scripts')
    .action(
      async (options: { status?: Status; limit: number; json?: boolean }, command: Command) => {
        await withConnection(command, 'required', async ({ client }) => {
          const { transfers: rows } = await client.transfers.list.query({
            status: options.status,
            limit: options.limit,
          });
          if (options.json) return printJson(rows);
          printTable(
            ['Id', 'From', 'To', 'Amount', 'Status', 'Reason', 'Requested'],
            rows.map((row) => [
              row.id,
              row.fromProvider,
              row.toProvider,
              `${formatNumber(row.amount)} ${row.currency}`,
              row.status,
              row.reason,
              formatTimestamp(row.timestamp),
            ]),
            'No transfers.',
          );
        });
      },
    );
  transfers
    .command('request')
    .description('record a transfer request (pending until you record its outcome)')
    .argument('<from>', 'provider the funds leave, e.g. luno')
    .argument('<to>', 'provider the funds go to, e.g. binance')
    .argument('<amount>', 'how much', positiveNumber)
    .argument('<currency>', 'currency code, e.g. ZAR')
    .option('--reason <reason>', 'why (default manual_allocation)')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        from: string,
        to: string,
        amount: number,
        currency: string,
        options: { reason?: string; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const created = await client.transfers.create.mutate({
            fromProvider: from,
            toProvider: to,
            amount,
            currency,
            reason: options.reason,
          });
          if (options.json) return printJson(created);
          process.stdout.write(
            `${created.transfer.id} ${created.transfer.status}: ${created.transfer.message}\n`,
          );
        });
      },
    );
  transfers
    .command('update')
    .description('record what became of a transfer (audited)')
    .argument('<transferId>', 'the transfer id', uuidOf('a transfer id'))
    .addOption(
      new Option('--status <status>', 'its new status')
        .choices(TRANSFER_STATUSES)
        .makeOptionMandatory(),
    )
    .option('--note <text>', 'a note, e.g. the exchange reference')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: string,
        options: { status: Status; note?: string; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const updated = await client.transfers.updateStatus.mutate({
            id,
            status: options.status,
            note: options.note,
          });
          if (options.json) return printJson(updated.transfer);
          process.stdout.write(`${id} is now ${updated.transfer.status}\n`);
        });
      },
    );
  return transfers;
}
