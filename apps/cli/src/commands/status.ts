import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { formatDuration, printFacts, printJson } from '../output.ts';

/** `tradewind status`: is the server up, and what is it doing. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the server status: database, version, uptime, bots')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      // Public, but sends the credentials there are: a bad API key should fail here too.
      const status = await withConnection(command, 'optional', ({ client }) =>
        client.system.status.query(),
      );
      if (options.json) return printJson(status);
      printFacts([
        ['Status', status.status],
        ['Database', `${status.database} (${status.databaseDialect})`],
        ['API / WebSocket / SSE', `${status.api} / ${status.websocket} / ${status.sse}`],
        ['Version', status.version],
        ['Environment', status.environment],
        ['Uptime', formatDuration(status.uptimeSeconds)],
        // Counted for signed-in callers only (their own bots; an admin's: all).
        ...(status.botsTotal === undefined
          ? []
          : [['Bots', `${status.botsActive ?? 0} active / ${status.botsTotal} total`] as const]),
      ]);
    });
}
