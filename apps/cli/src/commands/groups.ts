import { GROUP_HISTORY_INTERVALS, type GroupSummary } from '@tradewind/sdk';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { nonNegativeInteger, percent, positiveInteger, uuidOf } from '../option-parsers.ts';
import {
  formatMoney,
  formatNumber,
  formatTimestamp,
  printFacts,
  printJson,
  printTable,
} from '../output.ts';

const groupId = uuidOf('a group id');
const accountId = uuidOf('an account id');
const collect = (value: string, previous: string[] = []) => [...previous, accountId(value)];
const day = (value: string) => value;

type JsonOption = { json?: boolean };
type LimitOptions = {
  description?: string;
  account?: string[];
  maxDrawdown?: number;
  targetRoi?: number;
  riskLimit?: number;
} & JsonOption;

function limitsOf(options: LimitOptions) {
  return {
    ...(options.description !== undefined && { description: options.description }),
    ...(options.account && { accounts: options.account }),
    ...(options.maxDrawdown !== undefined && { maxDrawdown: options.maxDrawdown }),
    ...(options.targetRoi !== undefined && { targetMonthlyRoi: options.targetRoi }),
    ...(options.riskLimit !== undefined && { riskLimit: options.riskLimit }),
  };
}

function printGroup(group: GroupSummary): void {
  printFacts([
    ['Id', group.id],
    ['Name', group.name],
    ['Description', group.description || '-'],
    ['Accounts', group.accounts.join('\n') || '-'],
    ['Max drawdown', group.maxDrawdown === null ? '-' : `${group.maxDrawdown} %`],
    ['Target monthly ROI', group.targetMonthlyRoi === null ? '-' : `${group.targetMonthlyRoi} %`],
    ['Risk limit', group.riskLimit === null ? '-' : `${group.riskLimit} %`],
    ['Halted', group.haltedAt ? `${formatTimestamp(group.haltedAt)}: ${group.haltReason}` : 'no'],
  ]);
}

function withLimits(command: Command): Command {
  return command
    .option('--description <text>', 'what the group is for')
    .option('--account <id>', 'an account of the group (repeat for more)', collect)
    .option('--max-drawdown <percent>', 'stop opening positions this far below the peak', percent)
    .option('--target-roi <percent>', 'target monthly return, percent', Number)
    .option('--risk-limit <percent>', 'largest --risk one execution may use', percent)
    .option('--json', 'print JSON for scripts');
}

/** `tradewind groups`: account groups (seed 001 Groups API). */
export function groupsCommand(): Command {
  const groups = new Command('groups').description(
    'account groups: trade several exchange accounts at once, under shared risk limits',
  );
  groups
    .command('list')
    .description('your groups, oldest first')
    .option('--offset <n>', 'skip this many', nonNegativeInteger, 0)
    .option('--limit <n>', 'at most this many (default 50, at most 100)', positiveInteger, 50)
    .option('--json', 'print JSON for scripts')
    .action(async (options: { offset: number; limit: number } & JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const page = await client.groups.list.query({
          offset: options.offset,
          limit: options.limit,
        });
        if (options.json) return printJson(page);
        printTable(
          ['Id', 'Name', 'Accounts', 'Max drawdown', 'Halted'],
          page.groups.map((group) => [
            group.id,
            group.name,
            String(group.accounts.length),
            group.maxDrawdown === null ? '-' : `${group.maxDrawdown} %`,
            group.haltedAt ? 'yes' : 'no',
          ]),
          'No groups.',
        );
      });
    });
  withLimits(groups.command('create').description('create a group').argument('<name>')).action(
    async (name: string, options: LimitOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const group = await client.groups.create.mutate({ name, ...limitsOf(options) });
        if (options.json) return printJson(group);
        printGroup(group);
      });
    },
  );
  withLimits(
    groups
      .command('update')
      .description('change a group (--account replaces its accounts)')
      .argument('<groupId>', 'the group id', groupId)
      .option('--name <name>', 'rename it')
      .option('--resume', 'clear a halt (the group opens positions again)'),
  ).action(
    async (
      id: string,
      options: LimitOptions & { name?: string; resume?: boolean },
      command: Command,
    ) => {
      await withConnection(command, 'required', async ({ client }) => {
        const group = await client.groups.update.mutate({
          id,
          ...limitsOf(options),
          ...(options.name !== undefined && { name: options.name }),
          ...(options.resume && { resume: true }),
        });
        if (options.json) return printJson(group);
        printGroup(group);
      });
    },
  );
  groups
    .command('show')
    .description('a group with its performance and account connections')
    .argument('<groupId>', 'the group id', groupId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const group = await client.groups.get.query({ id });
        if (options.json) return printJson(group);
        printGroup(group);
        printTable(
          ['Account', 'Exchange', 'Status', 'Last sync'],
          group.websocketStatus.accounts.map((account) => [
            account.accountId,
            account.exchange,
            account.status,
            formatTimestamp(account.lastSyncAt),
          ]),
          'No accounts.',
        );
      });
    });
  groups
    .command('delete')
    .description('delete a group (its accounts stay)')
    .argument('<groupId>', 'the group id', groupId)
    .action(async (id: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        await client.groups.delete.mutate({ id });
        process.stdout.write(`Group ${id} deleted.\n`);
      });
    });
  groups
    .command('add-accounts')
    .description('add accounts; each one joins or is listed with why not')
    .argument('<groupId>', 'the group id', groupId)
    .argument('<accountIds...>', 'account ids')
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, ids: string[], options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.groups.addAccounts.mutate({
          id,
          accountIds: ids.map(accountId),
        });
        if (options.json) return printJson(result);
        for (const added of result.results.success) process.stdout.write(`added ${added}\n`);
        for (const failed of result.results.failed) {
          process.stdout.write(`not added ${failed.accountId}: ${failed.reason}\n`);
        }
        if (result.results.failed.length > 0) process.exitCode = 1;
      });
    });
  groups
    .command('remove-account')
    .description('take an account out of the group')
    .argument('<groupId>', 'the group id', groupId)
    .argument('<accountId>', 'the account id', accountId)
    .action(async (id: string, account: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        await client.groups.removeAccount.mutate({ id, accountId: account });
        process.stdout.write(`Account ${account} removed from group ${id}.\n`);
      });
    });
  groups
    .command('metrics')
    .description('drawdown against the limits, connections and balances now')
    .argument('<groupId>', 'the group id', groupId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: string, options: JsonOption, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const metrics = await client.groups.metrics.query({ id });
        if (options.json) return printJson(metrics);
        const risk = metrics.riskMetrics;
        printFacts([
          ['Equity', formatMoney(risk.equity)],
          ['Peak equity', formatMoney(risk.peakEquity)],
          [
            'Drawdown',
            risk.drawdownPercent === null ? '-' : `${formatNumber(risk.drawdownPercent)} %`,
          ],
          ['Max drawdown', risk.maxDrawdown === null ? '-' : `${risk.maxDrawdown} %`],
          ['Halted', risk.halted ? 'yes' : 'no'],
          ['Open positions', String(risk.openPositions)],
          ['Connected', `${metrics.websocketHealth.connected} of ${metrics.websocketHealth.total}`],
          ['Total equity', formatMoney(metrics.balanceStatus.totalEquity)],
        ]);
      });
    });
  groups
    .command('history')
    .description('equity per day, week or month')
    .argument('<groupId>', 'the group id', groupId)
    .addOption(
      new Option('--interval <interval>', 'period length')
        .choices(GROUP_HISTORY_INTERVALS)
        .default('day'),
    )
    .option('--start <date>', 'first day (YYYY-MM-DD)', day)
    .option('--end <date>', 'last day (YYYY-MM-DD)', day)
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: string,
        options: {
          interval: (typeof GROUP_HISTORY_INTERVALS)[number];
          start?: string;
          end?: string;
        } & JsonOption,
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const history = await client.groups.history.query({
            id,
            interval: options.interval,
            startDate: options.start,
            endDate: options.end,
          });
          if (options.json) return printJson(history);
          printTable(
            ['Period', 'Start equity', 'End equity', 'PnL'],
            history.history.map((row) => [
              row.period,
              formatMoney(row.startEquity),
              formatMoney(row.endEquity),
              formatMoney(row.pnl),
            ]),
            'No equity recorded in the range.',
          );
        });
      },
    );
  return groups;
}
