import { Command } from 'commander';
import { clientFor, globalOptions } from '../global-options.ts';
import { formatDuration, printFacts, printJson } from '../output.ts';

/** `tradewind status`: is the server up, and what is it doing. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the server status: database, version, uptime, bots')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      const status = await clientFor(globalOptions(command)).system.status.query();
      if (options.json) return printJson(status);
      printFacts([
        ['Status', status.status],
        ['Database', `${status.database} (${status.databaseDialect})`],
        ['API / WebSocket / SSE', `${status.api} / ${status.websocket} / ${status.sse}`],
        ['Version', status.version],
        ['Environment', status.environment],
        ['Uptime', formatDuration(status.uptimeSeconds)],
        ['Bots', `${status.botsActive} active / ${status.botsTotal} total`],
      ]);
    });
}
