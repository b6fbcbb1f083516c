import { Command } from 'commander';
import { type Connection, withConnection } from '../connection.ts';
import { printFacts, printJson } from '../output.ts';

/** `tradewind whoami`: who the CLI is signed in as, and what it may do. */
export function whoamiCommand(): Command {
  return new Command('whoami')
    .description('show the signed-in user: email, role, plan, 2FA, permissions')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async (connection) => {
        const me = await connection.client.auth.me.query();
        if (options.json) return printJson(me);
        printFacts([
          ['Email', me.email],
          ...(me.username ? [['Username', me.username] as const] : []),
          ['Name', me.firstName],
          ['Role', me.role],
          ['Plan', me.plan],
          ['Two-factor', me.twoFactorEnabled ? 'on' : 'off'],
          ['Signed in with', signedInWith(connection)],
          ['Server', connection.url],
          ['Permissions', me.permissions.join('\n')],
        ]);
      });
    });
}

function signedInWith(connection: Connection): string {
  if (connection.auth === 'apiKey') return 'API key (TRADEWIND_API_KEY)';
  return `session ${connection.session?.sessionId} (profile "${connection.profileName}")`;
}
