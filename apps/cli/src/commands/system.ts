import { SYSTEM_COMMANDS } from '@tradewind/sdk';
import { Argument, Command } from 'commander';
import { withConnection } from '../connection.ts';
import { botId } from '../option-parsers.ts';
import {
  formatMoney,
  formatPrice,
  formatSignedMoney,
  formatTimestamp,
  printFacts,
  printJson,
  printTable,
} from '../output.ts';
import { parseTotpCode } from '../totp-code.ts';

type CommandOptions = { reason: string; bot?: number[]; allUsers?: boolean; json?: boolean };

function collectBotIds(value: string, previous: number[] = []): number[] {
  return [...previous, botId(value)];
}

/** `tradewind system`: control every bot at once (the kill switch) and the trading status. */
export function systemCommand(): Command {
  const system = new Command('system').description(
    'control all your bots at once (stop is the kill switch) and see the trading status',
  );

  system
    .command('command')
    .description(
      'stop (finish every running bot now), pause, resume or start (resume) all your bots',
    )
    .addArgument(new Argument('<command>', 'what to do').choices(SYSTEM_COMMANDS))
    .requiredOption('--reason <text>', 'why; kept in the audit trail')
    .option('--bot <id>', 'only this bot (repeatable)', collectBotIds)
    .option('--all-users', "every user's bots (admins)")
    .option('--json', 'print JSON for scripts')
    .action(
      async (name: (typeof SYSTEM_COMMANDS)[number], options: CommandOptions, command: Command) => {
        await withConnection(command, 'required', async ({ client }) => {
          const result = await client.system.command.mutate({
            command: name,
            reason: options.reason,
            parameters: options.bot ? { botIds: options.bot } : {},
            allUsers: options.allUsers ?? false,
          });
          if (options.json) return printJson(result);
          printFacts([
            ['Result', result.message],
            ['Bots', result.botIds.join(', ') || '-'],
            ...result.failures.map((failure): [string, string] => [
              `Bot ${failure.botId}`,
              failure.error,
            ]),
          ]);
          if (!result.success) process.exitCode = 1;
        });
      },
    );

  system
    .command('trading-status')
    .description('your running bots: value, open positions, PnL today, trades')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const status = await client.system.tradingStatus.query();
        if (options.json) return printJson(status);
        printFacts([
          ['Active', status.active ? 'yes' : 'no'],
          ['Mode', status.mode],
          ['Portfolio value', formatMoney(status.portfolioValue)],
          ['Daily PnL', formatSignedMoney(status.dailyPnl)],
          ['Total trades', String(status.totalTrades)],
          ['Last trade', formatTimestamp(status.lastTradeTime)],
        ]);
        printTable(
          ['Bot', 'Symbol', 'Side', 'Size', 'Entry', 'Price', 'Unrealized'],
          status.positions.map((position) => [
            String(position.botId),
            position.symbol,
            position.side,
            String(position.size),
            formatPrice(position.entryPrice),
            formatPrice(position.currentPrice),
            formatSignedMoney(position.unrealizedPnl),
          ]),
          'No open positions.',
        );
      });
    });

  system
    .command('status')
    .description("this server, your bots and their venues, and this host's CPU, memory and disk")
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const status = await client.system.operatorStatus.query();
        if (options.json) return printJson(status);
        const usage = (value: number | null) => (value === null ? '-' : `${value} %`);
        printFacts([
          [
            'Server',
            `${status.system.status} (${status.system.environment}, ${status.system.version})`,
          ],
          ['Bots', `${status.tradingBot.status} (${status.tradingBot.mode})`],
          ['Last update', formatTimestamp(status.tradingBot.lastUpdate)],
          [
            'Venues',
            status.exchanges
              .map((venue) => `${venue.name}: ${venue.connected ? 'connected' : 'unreachable'}`)
              .join('\n') || '-',
          ],
          ['CPU', usage(status.performance.cpuUsage)],
          ['Memory', usage(status.performance.memoryUsage)],
          ['Disk', usage(status.performance.diskUsage)],
        ]);
      });
    });

  system
    .command('mode')
    .description(
      'show your system mode, or switch it: testing (paper only) or live_trading (LIVE bots; needs 2FA)',
    )
    .addArgument(
      new Argument('[mode]', 'the mode to switch to').choices(['testing', 'live_trading']),
    )
    .option('--totp-code <code>', 'your current two-factor code (live_trading)', parseTotpCode)
    .option('--yes', 'confirm the switch to live_trading')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        mode: 'testing' | 'live_trading' | undefined,
        options: { totpCode?: string; yes?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          if (mode !== undefined) {
            const changed = await client.system.setMode.mutate({
              mode,
              totpCode: options.totpCode,
              confirm: options.yes,
            });
            if (options.json) return printJson(changed);
            return printFacts([['Mode', changed.mode]]);
          }
          const current = await client.system.mode.query();
          if (options.json) return printJson(current);
          printFacts([
            ['Mode', current.mode],
            ['Paper trading', current.paperTrading ? 'yes' : 'no'],
            ['Live trading', current.liveTrading ? 'yes' : 'no'],
          ]);
        });
      },
    );

  return system;
}
