import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { printFacts, printJson } from '../output.ts';
import { promptSecret, promptText, readSecretFromStdin } from '../prompts.ts';
import { qrCodeDataUrlToText } from '../qr/qr-code-text.ts';
import { parseTotpCode, validateTotpCode } from '../totp-code.ts';

/** `tradewind 2fa`: two-factor authentication with an authenticator app (TOTP). */
export function twoFactorCommand(): Command {
  const twoFactor = new Command('2fa').description('turn two-factor authentication on or off');

  twoFactor
    .command('enroll')
    .description('start: get a secret for your authenticator app, then run `2fa verify <code>`')
    .option('--json', 'print JSON for scripts (includes the QR code as a PNG data URL)')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const enrollment = await client.auth.twoFactor.enroll.mutate();
        if (options.json) return printJson(enrollment);
        const qr = qrCodeText(enrollment.qrCode);
        if (qr) process.stdout.write(`Scan this with your authenticator app:\n\n${qr}\n\n`);
        printFacts([
          ['Secret', enrollment.secret],
          ['URI', enrollment.provisioningUri],
        ]);
        process.stdout.write(
          'Then turn two-factor on with `tradewind 2fa verify <code>`, using the code the app shows.\n',
        );
      });
    });

  twoFactor
    .command('verify')
    .description('finish enrolment: from now on, signing in needs a code')
    .argument('<code>', 'the 6-digit code your authenticator app shows', parseTotpCode)
    .action(async (code: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const answer = await client.auth.twoFactor.verify.mutate({ totpCode: code });
        process.stdout.write(`${answer.message}\n`);
      });
    });

  twoFactor
    .command('disable')
    .description('turn two-factor off; needs your password and a current code')
    .option('--totp <code>', 'a current code from your authenticator app', parseTotpCode)
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .action(async (options: { totp?: string; passwordStdin?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const password = options.passwordStdin
          ? await readSecretFromStdin('password')
          : await promptSecret('password', '--password-stdin');
        const totpCode =
          options.totp ??
          (await promptText('two-factor code', '--totp <code>', { validate: validateTotpCode }));
        const answer = await client.auth.twoFactor.disable.mutate({ password, totpCode });
        process.stdout.write(`${answer.message}\n`);
      });
    });

  return twoFactor;
}

/** The QR code as text, or nothing if it cannot be read (the URI is printed either way). */
function qrCodeText(dataUrl: string): string | undefined {
  try {
    return qrCodeDataUrlToText(dataUrl);
  } catch {
    return undefined;
  }
}
