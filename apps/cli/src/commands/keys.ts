import type { TradewindInputs } from '@tradewind/sdk';
import { Command, InvalidArgumentError } from 'commander';
import { withConnection } from '../connection.ts';
import { formatTimestamp, printFacts, printJson, printTable } from '../output.ts';

type CreateOptions = {
  name: string;
  scope?: string[];
  rateLimit?: number;
  expiresInDays?: number;
  json?: boolean;
};

type CreateInput = TradewindInputs['apiKeys']['create'];

/** `tradewind keys`: API keys for scripts and the enterprise API. */
export function keysCommand(): Command {
  const keys = new Command('keys').description('create, list and revoke API keys');

  keys
    .command('create')
    .description('create an API key; its key and secret are shown this once')
    .requiredOption('--name <name>', 'what the key is for')
    .option(
      '--scope <scope...>',
      'permission level (READ_ONLY, CONTROL, ADMIN, SUPER_ADMIN) or permission, to narrow the ' +
        'key; default: your full enterprise access (reads, bots:control, webhooks:manage), ' +
        'capped by your role',
    )
    .option('--rate-limit <calls>', 'calls allowed per hour (default 1000)', positiveInteger)
    .option(
      '--expires-in-days <days>',
      'expire after this many days (default never)',
      positiveInteger,
    )
    .option('--json', 'print the created key as JSON for scripts')
    .action(async (options: CreateOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const created = await client.apiKeys.create.mutate({
          name: options.name,
          scopes: options.scope as CreateInput['scopes'],
          rateLimitPerHour: options.rateLimit,
          expiresInDays: options.expiresInDays,
        });
        if (options.json) return printJson(created);
        printFacts([
          ['ID', created.id],
          ['Name', created.name],
          ['Key', created.key],
          ['Secret', created.secret],
          ['Scopes', created.scopes.join('\n')],
          ['Rate limit', `${created.rateLimitPerHour} calls/hour`],
          ['Expires', formatTimestamp(created.expiresAt, 'never')],
        ]);
        process.stdout.write(
          'Store the key and secret now: they are never shown again. Send the key as X-API-Key.\n',
        );
      });
    });

  keys
    .command('list')
    .description('list your API keys (prefixes only; keys are never shown again)')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.apiKeys.list.query();
        if (options.json) return printJson(list);
        printTable(
          [
            'ID',
            'Name',
            'Prefix',
            'Scopes',
            'Calls/hour',
            'Created',
            'Last used',
            'Expires',
            'Status',
          ],
          list.map((key) => [
            key.id,
            key.name,
            key.prefix,
            key.scopes.join('\n'),
            String(key.rateLimitPerHour),
            formatTimestamp(key.createdAt),
            formatTimestamp(key.lastUsedAt, 'never'),
            formatTimestamp(key.expiresAt, 'never'),
            key.revokedAt ? 'revoked' : key.enabled ? 'active' : 'expired',
          ]),
          'No API keys.',
        );
      });
    });

  keys
    .command('revoke')
    .description('revoke an API key; it stops working at once')
    .argument('<id>', 'the key id, from `tradewind keys list`')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        await client.apiKeys.revoke.mutate({ id });
        process.stdout.write(`Revoked API key ${id}\n`);
      });
    });

  return keys;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1.');
  }
  return number;
}
