import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { formatTimestamp, printJson, printTable } from '../output.ts';

/** `tradewind sessions`: where the account is signed in. */
export function sessionsCommand(): Command {
  const sessions = new Command('sessions').description('list and end your signed-in sessions');

  sessions
    .command('list')
    .description('list your live sessions; * marks the one this CLI uses')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.auth.sessions.list.query();
        if (options.json) return printJson(list);
        printTable(
          ['', 'ID', 'Device', 'User agent', 'IP address', 'Signed in', 'Last used'],
          list.map((session) => [
            session.current ? '*' : '',
            session.id,
            session.deviceInfo.deviceType ?? '-',
            session.deviceInfo.userAgent ?? '-',
            session.deviceInfo.ipAddress ?? '-',
            formatTimestamp(session.createdAt),
            formatTimestamp(session.lastUsedAt),
          ]),
          'No live sessions.',
        );
      });
    });

  sessions
    .command('terminate')
    .description('end a session; its tokens stop working at once')
    .argument('<id>', 'the session id, from `tradewind sessions list`')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client, session, store, profileName }) => {
        await client.auth.sessions.terminate.mutate({ sessionId: id });
        if (session?.sessionId === id) {
          await store.removeSession(profileName);
          process.stdout.write(
            `Terminated session ${id}, the one this CLI used; profile "${profileName}" is signed out\n`,
          );
          return;
        }
        process.stdout.write(`Terminated session ${id}\n`);
      });
    });

  return sessions;
}
