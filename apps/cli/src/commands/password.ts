import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { promptNewSecret, readSecretFromStdin } from '../prompts.ts';

type ResetOptions = {
  email?: string;
  token?: string;
  passwordStdin?: boolean;
  revokeApiKeys?: boolean;
};

/** `tradewind password`: recover an account whose password is lost. */
export function passwordCommand(): Command {
  const password = new Command('password').description('reset a forgotten password');

  password
    .command('reset')
    .description('with --email, mail a reset token; with --token, set a new password')
    .option('--email <email>', 'request a reset token for this account')
    .option('--token <token>', 'complete the reset with the token from the mail')
    .option('--password-stdin', 'with --token: read the new password from stdin (for scripts)')
    .option(
      '--revoke-api-keys',
      'with --token: also revoke every API key of the account (they keep working otherwise)',
    )
    .addHelpText(
      'after',
      '\nWith the embedded server, `tradewind mail` shows the mail that carries the token.\n' +
        'API keys do not depend on the password: after a suspected compromise, add --revoke-api-keys.',
    )
    .action(async (options: ResetOptions, command: Command) => {
      if (Boolean(options.email) === Boolean(options.token)) {
        throw new CliError('pass either --email <email> (request) or --token <token> (complete)');
      }
      if (options.email && options.passwordStdin) {
        throw new CliError('--password-stdin goes with --token; --email only requests the mail');
      }
      await withConnection(command, 'none', async ({ client }) => {
        if (options.email) {
          const answer = await client.auth.passwordReset.request.mutate({ email: options.email });
          process.stdout.write(
            `${answer.message}\nWith the embedded server, \`tradewind mail\` shows the mail.\n`,
          );
          return;
        }
        const newPassword = options.passwordStdin
          ? await readSecretFromStdin('new password')
          : await promptNewSecret('new password', '--password-stdin');
        const answer = await client.auth.passwordReset.complete.mutate({
          token: options.token ?? '',
          newPassword,
          revokeApiKeys: options.revokeApiKeys ?? false,
        });
        const keys = options.revokeApiKeys
          ? ''
          : 'Your API keys still work: `tradewind keys list`, `tradewind keys revoke <id>`.\n';
        process.stdout.write(
          `${answer.message}\nEvery session of the account has ended: sign in with \`tradewind login\`\n${keys}`,
        );
      });
    });

  return password;
}
