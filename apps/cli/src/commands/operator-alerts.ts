import { OPERATOR_ALERT_KINDS, OPERATOR_ALERT_SEVERITIES } from '@tradewind/sdk/enums';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { botId, idArgument } from '../option-parsers.ts';
import { formatTimestamp, printFacts, printJson, printTable } from '../output.ts';

/**
 * `tradewind alerts`'s own `--json` and `--limit` are parsed wherever they appear (commander
 * gives a parent's options precedence), so the subcommands read them from there.
 */
type Shared = { json?: boolean; limit: number };

type SystemOptions = Shared & {
  all?: boolean;
  severity?: (typeof OPERATOR_ALERT_SEVERITIES)[number];
  rule?: (typeof OPERATOR_ALERT_KINDS)[number];
  bot?: number;
};

const alertId = idArgument('an alert id', 'tradewind alerts system');

/** `tradewind alerts system`: seed 004's `GET /alerts`, active ones unless `--all`. */
function systemAlertsCommand(): Command {
  return new Command('system')
    .description(
      'operator alerts with a lifecycle (bot errors, guards, feeds, webhooks); --json and --limit as for alerts',
    )
    .option('--all', 'resolved ones too (default: active only)')
    .addOption(new Option('--severity <severity>').choices(OPERATOR_ALERT_SEVERITIES))
    .addOption(
      new Option('--rule <kind>', 'only what this rule raised').choices(OPERATOR_ALERT_KINDS),
    )
    .option('--bot <id>', "only this bot's", botId)
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<SystemOptions>();
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.alerts.system.query({
          activeOnly: !options.all,
          severity: options.severity,
          kind: options.rule,
          botId: options.bot,
          limit: options.limit,
        });
        if (options.json) return printJson(list);
        printTable(
          ['Id', 'Raised', 'Severity', 'Title', 'State', 'Message'],
          list.alerts.map((alert) => [
            String(alert.id),
            formatTimestamp(alert.createdAt.toISOString()),
            alert.severity,
            alert.title,
            alert.active ? (alert.acknowledgedAt ? 'acknowledged' : 'active') : 'resolved',
            alert.message,
          ]),
          'No alerts.',
        );
        process.stdout.write(`${list.activeAlerts} active of ${list.totalAlerts}\n`);
      });
    });
}

/** `tradewind alerts ack|resolve <id>`: an operator's hand on one alert. */
function handCommand(name: 'ack' | 'resolve'): Command {
  const verb = name === 'ack' ? 'acknowledge' : 'resolve';
  return new Command(name)
    .description(
      name === 'ack'
        ? 'acknowledge an alert (someone is on it; it stays active)'
        : 'resolve an alert by hand',
    )
    .argument('<alertId>', 'the alert id, from `tradewind alerts system`', alertId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Shared>();
      await withConnection(command, 'required', async ({ client }) => {
        const alert = await client.alerts[verb].mutate({ alertId: id });
        if (options.json) return printJson(alert);
        printFacts([
          ['Alert', `${alert.id} ${alert.title}`],
          ['State', alert.active ? 'acknowledged' : 'resolved'],
        ]);
      });
    });
}

/** The operator alert subcommands of `tradewind alerts`. */
export function operatorAlertCommands(): Command[] {
  return [systemAlertsCommand(), handCommand('ack'), handCommand('resolve')];
}
