import { OPERATOR_ALERT_SEVERITIES } from '@tradewind/sdk/enums';
import { Command, Option } from 'commander';
import { withConnection } from '../connection.ts';
import { idArgument } from '../option-parsers.ts';
import { formatTimestamp, printFacts, printJson, printTable } from '../output.ts';

type Severity = (typeof OPERATOR_ALERT_SEVERITIES)[number];
type AddOptions = { minSeverity: Severity; json?: boolean };

const channelId = idArgument('a channel id', 'tradewind notifications list');

const severityOption = () =>
  new Option('--min-severity <severity>', 'send alerts from this severity up')
    .choices(OPERATOR_ALERT_SEVERITIES)
    .default('medium');

/** `tradewind notifications`: where your operator alerts are sent. */
export function notificationsCommand(): Command {
  const notifications = new Command('notifications').description(
    'where your operator alerts are sent: a Telegram chat (your bot) or an email address',
  );
  notifications
    .command('add-telegram')
    .description('send alerts to a Telegram chat through your bot (token from BotFather)')
    .requiredOption('--token <token>', 'the bot token, stored encrypted and never shown again')
    .requiredOption('--chat-id <id>', 'the chat the bot writes to')
    .addOption(severityOption())
    .option('--json', 'print JSON for scripts')
    .action(async (options: AddOptions & { token: string; chatId: string }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const channel = await client.notifications.add.mutate({
          kind: 'telegram',
          botToken: options.token,
          chatId: options.chatId,
          minSeverity: options.minSeverity,
        });
        if (options.json) return printJson(channel);
        printFacts([['Channel', `${channel.id} telegram ${channel.target}`]]);
      });
    });
  notifications
    .command('add-email')
    .description('send alerts to an email address (the server mailer)')
    .requiredOption('--email <address>', 'where to send them')
    .addOption(severityOption())
    .option('--json', 'print JSON for scripts')
    .action(async (options: AddOptions & { email: string }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const channel = await client.notifications.add.mutate({
          kind: 'email',
          email: options.email,
          minSeverity: options.minSeverity,
        });
        if (options.json) return printJson(channel);
        printFacts([['Channel', `${channel.id} email ${channel.target}`]]);
      });
    });
  notifications
    .command('list')
    .description('your channels, with what was sent and given up on')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const channels = await client.notifications.list.query();
        if (options.json) return printJson(channels);
        printTable(
          ['Id', 'Kind', 'Target', 'From', 'Sent', 'Failed', 'Added'],
          channels.map((channel) => [
            String(channel.id),
            channel.kind,
            channel.target,
            channel.minSeverity,
            String(channel.sent),
            String(channel.failed),
            formatTimestamp(channel.createdAt.toISOString()),
          ]),
          'No channels.',
        );
      });
    });
  notifications
    .command('remove')
    .description('stop sending to a channel')
    .argument('<channelId>', 'the channel id', channelId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.notifications.remove.mutate({ channelId: id });
        if (options.json) return printJson(result);
        printFacts([['Removed', `channel ${result.channelId}`]]);
      });
    });
  return notifications;
}
