import type { TradewindClient, TradewindOutputs } from '@tradewind/sdk';
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { connect } from '../connection.ts';
import { promptSecret, promptText, readSecretFromStdin } from '../prompts.ts';
import { loadSdk } from '../sdk.ts';
import { parseTotpCode, validateTotpCode } from '../totp-code.ts';

type LoginOptions = { email?: string; passwordStdin?: boolean; totp?: string };

const SCRIPTED = '--email <email> and --password-stdin';

/** `tradewind login`: signs in and keeps the session in the profile. */
export function loginCommand(): Command {
  return new Command('login')
    .description('sign in and store the session in the profile (prompts unless scripted)')
    .option('--email <email>', 'email or username to sign in as')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .option('--totp <code>', 'two-factor code, when the account has 2FA on', parseTotpCode)
    .action(async (options: LoginOptions, command: Command) => {
      if (options.passwordStdin && !options.email) {
        throw new CliError('--password-stdin needs --email');
      }
      const connection = await connect(command, 'none');
      const { client, store, profileName, url } = connection;
      const email =
        options.email ??
        (await promptText('email', SCRIPTED, { default: connection.profile?.session?.email }));
      const password = options.passwordStdin
        ? await readSecretFromStdin('password')
        : await promptSecret('password', SCRIPTED);

      const issued = await signIn(client, email, password, options.totp);
      const { sessionTokensFrom } = await loadSdk();
      await store.updateProfile(profileName, () => ({
        url,
        session: { ...sessionTokensFrom(issued), email: issued.user.email },
      }));
      const { user } = issued;
      process.stdout.write(
        `Signed in to ${url} as ${user.email} (${user.role}, ${user.plan} plan); profile "${profileName}"\n`,
      );
    });
}

/** Logs in, asking for the two-factor code when the server says the account needs one. */
async function signIn(
  client: TradewindClient,
  login: string,
  password: string,
  totpCode: string | undefined,
): Promise<TradewindOutputs['auth']['login']> {
  const deviceInfo = { deviceType: 'cli' };
  try {
    return await client.auth.login.mutate({ login, password, totpCode, deviceInfo });
  } catch (error) {
    if (totpCode || !(await twoFactorRequired(error))) throw error;
  }
  const code = await promptText('two-factor code', '--totp <code>', {
    validate: validateTotpCode,
  });
  return client.auth.login.mutate({ login, password, totpCode: code, deviceInfo });
}

async function twoFactorRequired(error: unknown): Promise<boolean> {
  const { isTradewindClientError } = await loadSdk();
  if (!isTradewindClientError(error)) return false;
  const details = (error.data as { details?: { twoFactorRequired?: unknown } } | undefined)
    ?.details;
  return details?.twoFactorRequired === true;
}
