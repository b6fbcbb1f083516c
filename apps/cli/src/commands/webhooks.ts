import { randomBytes } from 'node:crypto';
import { type TradewindOutputs, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@tradewind/sdk';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { positiveInteger } from '../option-parsers.ts';
import { formatTimestamp, printFacts, printJson, printTable } from '../output.ts';

type Subscription = TradewindOutputs['webhooks']['get'];
type DeliveryDetail = TradewindOutputs['webhooks']['delivery'];

type SecretOptions = { secret?: string | false; generateSecret?: boolean };

/** `tradewind webhooks`: outbound webhook subscriptions and their delivery log. */
export function webhooksCommand(): Command {
  const webhooks = new Command('webhooks').description(
    'subscribe URLs to bot events (signed POSTs) and inspect deliveries',
  );

  webhooks
    .command('add')
    .description('subscribe a URL to bot events')
    // A positional argument: `--url` is the global option naming the Tradewind server.
    .argument('<url>', 'where to POST events (https in production)')
    .addOption(eventsOption().makeOptionMandatory())
    .option('--secret <secret>', 'sign deliveries with this secret (16+ characters)')
    .option('--generate-secret', 'sign deliveries with a new random secret, shown this once')
    .option('--inactive', 'create it switched off')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        url: string,
        options: SecretOptions & {
          event: WebhookEventType[];
          inactive?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        const secret = chosenSecret(options);
        await withConnection(command, 'required', async ({ client }) => {
          const created = await client.webhooks.create.mutate({
            url,
            events: options.event,
            ...(typeof secret === 'string' && { secret }),
            active: !options.inactive,
          });
          if (options.json) return printJson(withGeneratedSecret(created, options, secret));
          printSubscription(created);
          announceSecret(options, secret);
        });
      },
    );

  webhooks
    .command('list')
    .description('list your webhook subscriptions')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.webhooks.list.query();
        if (options.json) return printJson(list);
        printTable(
          ['ID', 'URL', 'Events', 'Signed', 'Status', 'Created'],
          list.map((subscription) => [
            String(subscription.id),
            subscription.url,
            subscription.events.join('\n'),
            subscription.hasSecret ? 'yes' : 'no',
            subscription.active ? 'active' : 'disabled',
            formatTimestamp(subscription.createdAt),
          ]),
          'No webhooks. Add one with `tradewind webhooks add <url> --event bot.started`.',
        );
      });
    });

  webhooks
    .command('edit')
    .description('change a subscription; a new secret keeps the old one signing for a day')
    .argument('<id>', 'the webhook id, from `tradewind webhooks list`', webhookId)
    .option('--endpoint <url>', 'new URL to POST events to')
    .addOption(eventsOption())
    .option('--secret <secret>', 'new signing secret (16+ characters)')
    .option('--generate-secret', 'new random signing secret, shown this once')
    .option('--no-secret', 'stop signing deliveries')
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: number,
        options: SecretOptions & { endpoint?: string; event?: WebhookEventType[]; json?: boolean },
        command: Command,
      ) => {
        const secret = chosenSecret(options);
        if (options.endpoint === undefined && options.event === undefined && secret === undefined) {
          throw new CliError(
            'nothing to change: give --endpoint, --event, --secret, --generate-secret or --no-secret',
          );
        }
        await withConnection(command, 'required', async ({ client }) => {
          const updated = await client.webhooks.update.mutate({
            id,
            url: options.endpoint,
            events: options.event,
            ...(secret !== undefined && { secret: secret === false ? null : secret }),
          });
          if (options.json) return printJson(withGeneratedSecret(updated, options, secret));
          printSubscription(updated);
          announceSecret(options, secret);
        });
      },
    );

  for (const [name, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    webhooks
      .command(name)
      .description(active ? 'switch a subscription on' : 'switch a subscription off (keeps it)')
      .argument('<id>', 'the webhook id', webhookId)
      .action(async (id: number, _options: unknown, command: Command) => {
        await withConnection(command, 'required', async ({ client }) => {
          await client.webhooks.toggle.mutate({ id, active });
          process.stdout.write(`Webhook ${id} ${active ? 'enabled' : 'disabled'}\n`);
        });
      });
  }

  webhooks
    .command('remove')
    .description('delete a subscription and its delivery log')
    .argument('<id>', 'the webhook id', webhookId)
    .action(async (id: number, _options: unknown, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const removed = await client.webhooks.delete.mutate({ id });
        process.stdout.write(`Removed webhook ${id} (${removed.url})\n`);
      });
    });

  webhooks
    .command('test')
    .description('send a sample event to a subscription now and show the answer')
    .argument('<id>', 'the webhook id', webhookId)
    .addOption(
      new Option('--event <type>', 'which sample event')
        .choices(WEBHOOK_EVENT_TYPES)
        .default('bot.started'),
    )
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        id: number,
        options: { event: WebhookEventType; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const sent = await client.webhooks.test.mutate({ id, eventType: options.event });
          if (options.json) return printJson(sent);
          printDelivery(sent);
          if (sent.status !== 'SUCCEEDED') process.exitCode = 1;
        });
      },
    );

  webhooks
    .command('deliveries')
    .description('list deliveries, newest first; with a delivery id, show its attempts')
    .argument('[deliveryId]', 'a delivery id (the webhook-id header) to show in full')
    .option('--webhook <id>', "only this subscription's deliveries", webhookId)
    .addOption(
      new Option('--status <status>', 'only these').choices(['PENDING', 'SUCCEEDED', 'FAILED']),
    )
    .option('--limit <count>', 'at most this many (default 50)', positiveInteger)
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        deliveryId: string | undefined,
        options: {
          webhook?: number;
          status?: 'PENDING' | 'SUCCEEDED' | 'FAILED';
          limit?: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          if (deliveryId !== undefined) {
            const detail = await client.webhooks.delivery.query({ deliveryId });
            return options.json ? printJson(detail) : printDelivery(detail);
          }
          const list = await client.webhooks.deliveries.query({
            subscriptionId: options.webhook,
            status: options.status,
            limit: options.limit ?? 50,
          });
          if (options.json) return printJson(list);
          printTable(
            ['Delivery', 'Webhook', 'Event', 'Status', 'Attempts', 'Last answer', 'Created'],
            list.map((delivery) => [
              delivery.id,
              String(delivery.subscriptionId),
              delivery.test ? `${delivery.eventType} (test)` : delivery.eventType,
              delivery.status === 'PENDING' && delivery.nextAttemptAt
                ? `PENDING (next ${formatTimestamp(delivery.nextAttemptAt)})`
                : delivery.status,
              String(delivery.attempts),
              lastAnswer(delivery.lastStatusCode, delivery.lastError),
              formatTimestamp(delivery.createdAt),
            ]),
            'No deliveries.',
          );
        });
      },
    );

  webhooks
    .command('redeliver')
    .description('send a delivery again now, with the same webhook-id and body')
    .argument('<deliveryId>', 'the delivery id, from `tradewind webhooks deliveries`')
    .option('--json', 'print JSON for scripts')
    .action(async (deliveryId: string, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const detail = await client.webhooks.redeliver.mutate({ deliveryId });
        if (options.json) return printJson(detail);
        printDelivery(detail);
        if (detail.status !== 'SUCCEEDED') process.exitCode = 1;
      });
    });

  return webhooks;
}

function eventsOption(): Option {
  return new Option(
    '--event <type...>',
    `events to receive: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  ).argParser((value: string, previous: WebhookEventType[] | undefined) => [
    ...(previous ?? []),
    eventType(value),
  ]);
}

function eventType(value: string): WebhookEventType {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `"${value}" is not an event; choose from ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
    );
  }
  return value as WebhookEventType;
}

function webhookId(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError(
      'must be a webhook id (a whole number, see `tradewind webhooks list`).',
    );
  }
  return number;
}

/** The secret to set: a string, `false` to remove signing, undefined to leave it. */
function chosenSecret(options: SecretOptions): string | false | undefined {
  if (options.generateSecret && typeof options.secret === 'string') {
    throw new CliError('give either --secret or --generate-secret, not both');
  }
  if (options.generateSecret) return `whsec_${randomBytes(24).toString('base64url')}`;
  return options.secret;
}

function withGeneratedSecret(
  subscription: Subscription,
  options: SecretOptions,
  secret: string | false | undefined,
) {
  return options.generateSecret ? { ...subscription, secret } : subscription;
}

function announceSecret(options: SecretOptions, secret: string | false | undefined): void {
  if (options.generateSecret && typeof secret === 'string') {
    process.stdout.write(`Secret: ${secret}\nStore it now: it is never shown again.\n`);
  }
}

function printSubscription(subscription: Subscription): void {
  printFacts([
    ['ID', String(subscription.id)],
    ['URL', subscription.url],
    ['Events', subscription.events.join('\n')],
    ['Signed', subscription.hasSecret ? 'yes' : 'no'],
    ['Status', subscription.active ? 'active' : 'disabled'],
    ...(subscription.previousSecretExpiresAt
      ? [['Old secret signs until', formatTimestamp(subscription.previousSecretExpiresAt)] as const]
      : []),
  ]);
}

function lastAnswer(statusCode: number | null, error: string | null): string {
  if (statusCode !== null && (statusCode < 200 || statusCode >= 300))
    return `HTTP ${statusCode}: ${error ?? ''}`;
  if (statusCode !== null) return `HTTP ${statusCode}`;
  return error ?? '-';
}

function printDelivery(delivery: DeliveryDetail): void {
  printFacts([
    ['Delivery', delivery.id],
    ['Webhook', String(delivery.subscriptionId)],
    ['Event', delivery.test ? `${delivery.eventType} (test)` : delivery.eventType],
    ['Status', delivery.status],
    ['Attempts', String(delivery.attempts)],
    ['Next attempt', formatTimestamp(delivery.nextAttemptAt)],
    ['Delivered', formatTimestamp(delivery.deliveredAt)],
  ]);
  printTable(
    ['Attempt', 'Result', 'Answer', 'Duration', 'Error', 'At'],
    delivery.attemptLog.map((attempt) => [
      String(attempt.attempt),
      attempt.status,
      attempt.responseCode === null ? '-' : `HTTP ${attempt.responseCode}`,
      `${attempt.durationMs} ms`,
      attempt.error ?? '-',
      formatTimestamp(attempt.createdAt),
    ]),
    'No attempts yet.',
  );
}
