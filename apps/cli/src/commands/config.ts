import { nestSettings, type TradewindOutputs } from '@tradewind/sdk';
import { Command, InvalidArgumentError } from 'commander';
import { withConnection } from '../connection.ts';
import { formatTimestamp, printFacts, printJson, printTable } from '../output.ts';

type Level = 'system' | 'user';

/** `key=value`; the value is JSON when it parses as JSON (`0.15`, `["BTCUSDT"]`), else a string. */
function assignment(text: string, previous: [string, unknown][] = []): [string, unknown][] {
  const equals = text.indexOf('=');
  const key = text.slice(0, equals);
  if (equals <= 0 || key.indexOf('.') <= 0) {
    throw new InvalidArgumentError(
      `expected key=value with a dotted key such as trading.base_currency=USDT (got "${text}")`,
    );
  }
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // A bare word such as USDT is a string.
  }
  return [...previous, [key, value]];
}

function printView(view: TradewindOutputs['config']['get']): void {
  printFacts([
    ['Level', view.level],
    ['Environment', view.environment],
    ['Version', view.version],
    ['Last updated', formatTimestamp(view.lastUpdated?.toISOString() ?? null, 'never')],
  ]);
  printTable(
    ['Key', 'Value', 'Source', 'Restart'],
    view.entries.map((entry) => [
      entry.key,
      JSON.stringify(entry.value),
      entry.source === 'environment' ? `environment (${entry.environmentVariable})` : entry.source,
      entry.restartRequired ? 'yes' : 'no',
    ]),
    'No settings.',
  );
}

/** `tradewind config`: runtime settings (system level for admins, your own trading defaults). */
export function configCommand(): Command {
  const config = new Command('config').description(
    'show and change runtime settings: the system level (admins) or your own trading defaults (--user)',
  );

  config
    .command('get')
    .description(
      'show every setting with its value, where it comes from and whether a change needs a restart',
    )
    .option('--user', 'your own trading defaults instead of the system level')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { user?: boolean; json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const level: Level = options.user ? 'user' : 'system';
        const view = await client.config.get.query({ level });
        if (options.json) return printJson(view);
        printView(view);
      });
    });

  config
    .command('set')
    .description('change settings, e.g. `config set trading.max_position_size=0.15`')
    .argument('<key=value...>', 'dotted keys with values (JSON, or a bare string)', assignment)
    .option('--user', 'change your own trading defaults instead of the system level')
    .option('--validate-only', 'check the values and change nothing')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        assignments: [string, unknown][],
        options: { user?: boolean; validateOnly?: boolean; json?: boolean },
        command: Command,
      ) => {
        const settings = nestSettings(assignments);
        await withConnection(command, 'required', async ({ client }) => {
          const input = { settings, validateOnly: options.validateOnly ?? false };
          const result = options.user
            ? await client.config.updateDefaults.mutate(input)
            : await client.config.update.mutate(input);
          if (options.json) return printJson(result);
          printFacts([
            ['Result', result.message],
            ['Settings', result.updatedSettings.join('\n')],
            ['Restart required', result.restartRequired ? 'yes' : 'no'],
          ]);
        });
      },
    );

  return config;
}
