import { CliError } from './cli-error.ts';
import { canPrompt, promptSecret, promptText, readSecretFromStdin } from './prompts.ts';

export type SecretOptions = { apiKey?: string; apiSecretStdin?: boolean; passphrase?: boolean };

export type ExchangeKeys = { apiKey: string; apiSecret: string; passphrase?: string };

/**
 * The API key (flag or prompt) and its secret, never from a flag: piped with
 * `--api-secret-stdin` (a second line is the passphrase) or typed at a hidden prompt. The
 * passphrase is asked for when `--passphrase` is given or the exchange requires one.
 */
export async function readExchangeKeys(
  options: SecretOptions,
  needsPassphrase: boolean,
): Promise<ExchangeKeys> {
  const apiKey =
    options.apiKey ?? (await promptText('API key', '--api-key <key> and --api-secret-stdin'));
  if (options.apiSecretStdin) {
    const [apiSecret = '', passphrase] = (
      await readSecretFromStdin('API secret', '--api-secret-stdin')
    ).split(/\r?\n/);
    if (!apiSecret) throw new CliError('no API secret on the first line of stdin');
    return { apiKey, apiSecret, ...(passphrase && { passphrase }) };
  }
  if (!canPrompt()) {
    throw new CliError(
      'cannot prompt for the API secret without a terminal; pipe it with --api-secret-stdin (passphrase, if any, on a second line)',
    );
  }
  const apiSecret = await promptSecret('API secret', '--api-secret-stdin');
  const passphrase =
    needsPassphrase || options.passphrase
      ? await promptSecret('API passphrase', '--api-secret-stdin')
      : undefined;
  return { apiKey, apiSecret, ...(passphrase && { passphrase }) };
}
