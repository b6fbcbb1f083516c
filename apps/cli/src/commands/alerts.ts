import { ALERT_KINDS } from '@tradewind/sdk';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { botId, isoDateTime, positiveInteger } from '../option-parsers.ts';
import { formatTimestamp, printJson, printTable } from '../output.ts';
import { operatorAlertCommands } from './operator-alerts.ts';

type AlertsOptions = {
  kind?: (typeof ALERT_KINDS)[number];
  since?: string;
  limit: number;
  json?: boolean;
};

/**
 * `tradewind alerts [botId]`: risk alerts (stop-losses, guards that paused a bot), newest first;
 * `tradewind alerts system|ack|resolve`: operator alerts with a lifecycle.
 */
export function alertsCommand(): Command {
  const alerts = new Command('alerts')
    .description("list risk alerts of your bots, newest first; without an id, every bot's")
    .argument('[botId]', 'the bot id, from `tradewind bots list`', botId)
    .addOption(new Option('--kind <kind>', 'only this kind').choices(ALERT_KINDS))
    .option('--since <iso>', 'only alerts raised at or after this time (ISO 8601)', isoDateTime)
    .option(
      '--limit <count>',
      'at most this many (default 100, at most 1000)',
      positiveInteger,
      100,
    )
    .option('--json', 'print JSON for scripts')
    .action(async (id: number | undefined, options: AlertsOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const { alerts } = await client.alerts.list.query({
          botId: id,
          kind: options.kind,
          since: options.since === undefined ? undefined : new Date(options.since),
          limit: options.limit,
        });
        if (options.json) return printJson(alerts);
        printTable(
          ['Time', 'Bot', 'Kind', 'Message'],
          alerts.map((alert) => [
            formatTimestamp(alert.createdAt.toISOString()),
            String(alert.botId),
            alert.kind,
            alert.message,
          ]),
          'No alerts.',
        );
      });
    });
  for (const sub of operatorAlertCommands()) alerts.addCommand(sub);
  return alerts;
}
