import path from 'node:path';
import type { TradewindInputs } from '@tradewind/sdk';
import {
  RISK_LEVELS,
  STRATEGY_CATEGORIES,
  STRATEGY_EVENT_TYPES,
  STRATEGY_PERFORMANCE_PERIODS,
  STRATEGY_PERMISSIONS,
  STRATEGY_SCOPES,
  STRATEGY_SORT_FIELDS,
  STRATEGY_STATUSES,
  TIMEFRAMES,
} from '@tradewind/sdk/enums';
import { Command, InvalidArgumentError, Option } from 'commander';
import { withConnection } from '../connection.ts';
import {
  isoDateTime,
  keyValue,
  type ParamValue,
  positiveInteger,
  positiveNumber,
  symbolList,
} from '../option-parsers.ts';
import { printJson } from '../output.ts';
import {
  renderCategoryTable,
  renderHistoryTable,
  renderPerformance,
  renderShareTable,
  renderSignalTable,
  renderStrategyDetail,
  renderStrategyFacts,
  renderStrategyList,
  renderTemplateTable,
  type Strategy,
} from '../strategy-view.ts';

type Inputs = TradewindInputs['strategies'];
type ListInput = Extract<Inputs['list'], object>;
type Permission = Inputs['share']['permissions'][number];

/** A strategy id as `strategies list` shows it. */
function strategyId(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError(
      'must be a strategy id (a whole number, see `tradewind strategies list`).',
    );
  }
  return number;
}

/** `momentum,tech` -> `['momentum', 'tech']`. */
function commaList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `read,execute` -> the permissions, each one checked. */
function permissionList(value: string): Permission[] {
  const names = commaList(value);
  const unknown = names.find((name) => !(STRATEGY_PERMISSIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown !== undefined) {
    throw new InvalidArgumentError(
      `must be a comma-separated list of ${STRATEGY_PERMISSIONS.join(', ')}.`,
    );
  }
  return names as Permission[];
}

type ConfigOptions = {
  name?: string;
  description?: string;
  algorithm?: string;
  category?: (typeof STRATEGY_CATEGORIES)[number];
  param?: Record<string, ParamValue>;
  riskLevel?: (typeof RISK_LEVELS)[number];
  tags?: string[];
  timeframe?: (typeof TIMEFRAMES)[number];
  symbols?: string[];
  validate: boolean;
  json?: boolean;
};

/** The configuration options `create` and `update` share. */
function withConfigOptions(command: Command): Command {
  return command
    .option('--description <text>', 'what it is for')
    .option(
      '--algorithm <name>',
      'built-in algorithm: MovingAverage, Momentum, MeanReversion, Breakout',
    )
    .addOption(
      new Option('--category <category>', 'strategy category').choices(STRATEGY_CATEGORIES),
    )
    .option(
      '--param <key=value>',
      'algorithm parameter, repeatable (numbers and true/false are typed)',
      keyValue('fast=10'),
    )
    .addOption(new Option('--risk-level <level>', 'risk level').choices(RISK_LEVELS))
    .option('--tags <list>', 'comma-separated tags, e.g. momentum,tech', commaList)
    .addOption(new Option('--timeframe <timeframe>', 'bar interval').choices(TIMEFRAMES))
    .option('--symbols <list>', 'comma-separated symbols, e.g. AAPL,GOOGL', symbolList)
    .option('--no-validate', "keep parameters as given (skip the algorithm's schema)");
}

/** The configuration fields `create` and `update` send, from their shared options. */
function configFields(options: ConfigOptions) {
  return {
    description: options.description,
    algorithm: options.algorithm,
    category: options.category,
    parameters: options.param,
    riskLevel: options.riskLevel,
    tags: options.tags,
    timeframe: options.timeframe,
    symbols: options.symbols,
  };
}

function printStrategy(strategy: Strategy, json: boolean | undefined, headline: string): void {
  if (json) printJson(strategy);
  else process.stdout.write(`${headline}\n${renderStrategyFacts(strategy)}`);
}

/** A subcommand acting on one strategy: `<id>` plus `--json`. */
function onStrategy(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('<id>', 'the strategy id, from `tradewind strategies list`', strategyId)
    .option('--json', 'print JSON for scripts');
}

/** `tradewind strategies`: the strategy lab. */
export function strategiesCommand(): Command {
  const strategies = new Command('strategies').description(
    'create, share, run and study trading strategies',
  );

  strategies
    .command('new')
    .description('write a strategy file of your own (and its test) to start from')
    .argument('<name>', 'the strategy name, e.g. my-strategy')
    .option('--dir <directory>', 'where to write the files (default: here)', '.')
    .action(async (name: string, options: { dir: string }) => {
      const { scaffoldStrategy } = await import('../strategy-file/scaffold-strategy.ts');
      for (const file of await scaffoldStrategy(name, options.dir)) {
        process.stdout.write(`wrote ${file}\n`);
      }
      process.stdout.write(
        `next: tradewind backtest run --strategy-file ${path.join(options.dir, `${name}.strategy.ts`)} --data <bars.csv>\n`,
      );
    });

  strategies
    .command('list')
    .description('list the strategies you may read (yours and shared with you), newest first')
    .option('--page <number>', 'page (default 1)', positiveInteger, 1)
    .option('--size <count>', 'strategies per page, at most 100 (default 20)', positiveInteger, 20)
    .addOption(
      new Option('--category <category>', 'only this category').choices(STRATEGY_CATEGORIES),
    )
    .addOption(new Option('--status <status>', 'only this status').choices(STRATEGY_STATUSES))
    .addOption(new Option('--risk-level <level>', 'only this risk level').choices(RISK_LEVELS))
    .option('--search <text>', 'text in the name or description (any case)')
    .option('--tags <list>', 'only strategies with every one of these tags', commaList)
    .addOption(
      new Option('--scope <scope>', 'whose strategies').choices(STRATEGY_SCOPES).default('all'),
    )
    .addOption(
      new Option('--sort-by <field>', 'sort field')
        .choices(STRATEGY_SORT_FIELDS)
        .default('created_at'),
    )
    .addOption(
      new Option('--sort-order <order>', 'sort order').choices(['asc', 'desc']).default('desc'),
    )
    .option('--json', 'print JSON for scripts')
    .action(async (options: ListInput & { json?: boolean }, command: Command) => {
      const { json, ...input } = options;
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.strategies.list.query(input);
        if (json) return printJson(list);
        process.stdout.write(renderStrategyList(list));
      });
    });

  onStrategy(
    strategies,
    'show',
    'show a strategy: configuration, performance and recent signals',
  ).action(async (id: number, options: { json?: boolean }, command: Command) => {
    await withConnection(command, 'required', async ({ client }) => {
      const detail = await client.strategies.get.query({ strategyId: id });
      if (options.json) return printJson(detail);
      process.stdout.write(renderStrategyDetail(detail));
    });
  });

  withConfigOptions(
    strategies
      .command('create')
      .description('create a strategy from an algorithm or a template (see `strategies templates`)')
      .option('--name <name>', 'what to call it (required without --template)')
      .option('--template <id>', 'start from this built-in template')
      .option('--json', 'print the strategy as JSON for scripts'),
  )
    .option('--start', 'start it at once, as a paper bot')
    .option(
      '--cash <amount>',
      "the bot's initial cash when started (default 10000)",
      positiveNumber,
    )
    .action(
      async (
        options: ConfigOptions & { template?: string; start?: boolean; cash?: number },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const common = { autoStart: options.start ?? false, initialCash: options.cash };
          const strategy = options.template
            ? await client.strategies.createFromTemplate.mutate({
                templateId: options.template,
                name: options.name,
                description: options.description,
                parameters: options.param,
                riskLevel: options.riskLevel,
                tags: options.tags,
                timeframe: options.timeframe,
                symbols: options.symbols ?? [],
                ...common,
              })
            : await client.strategies.create.mutate({
                config: {
                  ...configFields(options),
                  name: options.name ?? '',
                  symbols: options.symbols ?? [],
                },
                validateParameters: options.validate,
                ...common,
              });
          printStrategy(strategy, options.json, `Created strategy ${strategy.id}.`);
        });
      },
    );

  withConfigOptions(
    onStrategy(strategies, 'update', 'change a strategy (validated again as a whole)').option(
      '--name <name>',
      'a new name',
    ),
  ).action(async (id: number, options: ConfigOptions, command: Command) => {
    await withConnection(command, 'required', async ({ client }) => {
      const strategy = await client.strategies.update.mutate({
        strategyId: id,
        config: { ...configFields(options), name: options.name },
        validateParameters: options.validate,
      });
      printStrategy(strategy, options.json, `Updated strategy ${strategy.id}.`);
    });
  });

  onStrategy(strategies, 'delete', 'delete a strategy that is not running (its bots stay)').action(
    async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const deleted = await client.strategies.delete.mutate({ strategyId: id });
        if (options.json) return printJson(deleted);
        process.stdout.write(`Deleted strategy ${id}\n`);
      });
    },
  );

  onStrategy(strategies, 'start', 'start a strategy: it runs as a paper bot')
    .option('--cash <amount>', "the bot's initial cash (default 10000)", positiveNumber)
    .action(async (id: number, options: { json?: boolean; cash?: number }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const strategy = await client.strategies.start.mutate({
          strategyId: id,
          initialCash: options.cash,
        });
        printStrategy(
          strategy,
          options.json,
          `Started strategy ${id} as bot ${strategy.botId}; watch it with \`tradewind bots show ${strategy.botId} --watch\`.`,
        );
      });
    });

  onStrategy(strategies, 'stop', "stop a running strategy's bot").action(
    async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const strategy = await client.strategies.stop.mutate({ strategyId: id });
        printStrategy(strategy, options.json, `Stopped strategy ${id} (bot ${strategy.botId}).`);
      });
    },
  );

  onStrategy(strategies, 'signals', "a strategy's signals (its bots' executed fills), newest first")
    .option('--limit <count>', 'at most this many, up to 500 (default 50)', positiveInteger, 50)
    .option('--since <iso>', 'only signals from this time on', isoDateTime)
    .action(
      async (
        id: number,
        options: { json?: boolean; limit: number; since?: string },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const signals = await client.strategies.signals.query({
            strategyId: id,
            limit: options.limit,
            since: options.since,
          });
          if (options.json) return printJson(signals);
          process.stdout.write(renderSignalTable(signals));
        });
      },
    );

  onStrategy(strategies, 'performance', 'performance over a period, across the bots it ran')
    .addOption(
      new Option('--period <period>', 'how far back')
        .choices(STRATEGY_PERFORMANCE_PERIODS)
        .default('all'),
    )
    .action(
      async (
        id: number,
        options: { json?: boolean; period: (typeof STRATEGY_PERFORMANCE_PERIODS)[number] },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const performance = await client.strategies.performance.query({
            strategyId: id,
            period: options.period,
          });
          if (options.json) return printJson(performance);
          process.stdout.write(renderPerformance(performance));
        });
      },
    );

  onStrategy(strategies, 'history', "a strategy's event log, newest first")
    .addOption(new Option('--type <type>', 'only this kind of event').choices(STRATEGY_EVENT_TYPES))
    .option('--since <iso>', 'only events from this time on', isoDateTime)
    .option('--limit <count>', 'at most this many (default 100)', positiveInteger, 100)
    .action(
      async (
        id: number,
        options: {
          json?: boolean;
          type?: (typeof STRATEGY_EVENT_TYPES)[number];
          since?: string;
          limit: number;
        },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const events = await client.strategies.history.query({
            strategyId: id,
            eventType: options.type,
            since: options.since,
            limit: options.limit,
          });
          if (options.json) return printJson(events);
          process.stdout.write(renderHistoryTable(events));
        });
      },
    );

  strategies
    .command('templates')
    .description('built-in templates to create strategies from')
    .addOption(
      new Option('--category <category>', 'only this category').choices(STRATEGY_CATEGORIES),
    )
    .addOption(new Option('--risk-level <level>', 'only this risk level').choices(RISK_LEVELS))
    .option('--json', 'print JSON for scripts')
    .action(
      async (
        options: {
          json?: boolean;
          category?: (typeof STRATEGY_CATEGORIES)[number];
          riskLevel?: (typeof RISK_LEVELS)[number];
        },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const templates = await client.strategies.templates.query({
            category: options.category,
            riskLevel: options.riskLevel,
          });
          if (options.json) return printJson(templates);
          process.stdout.write(renderTemplateTable(templates));
        });
      },
    );

  strategies
    .command('categories')
    .description('strategy categories with their algorithms and how many strategies use them')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const categories = await client.strategies.categories.query();
        if (options.json) return printJson(categories);
        process.stdout.write(renderCategoryTable(categories));
      });
    });

  onStrategy(strategies, 'share', 'let another user read (and more) a strategy')
    .argument('<email>', 'the user to share with')
    .requiredOption(
      '--permissions <list>',
      `comma-separated: ${STRATEGY_PERMISSIONS.join(', ')} (read comes with any)`,
      permissionList,
    )
    .action(
      async (
        id: number,
        email: string,
        options: { json?: boolean; permissions: Permission[] },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const shares = await client.strategies.share.mutate({
            strategyId: id,
            email,
            permissions: options.permissions,
          });
          if (options.json) return printJson(shares);
          process.stdout.write(`Shared strategy ${id} with ${email}.\n${renderShareTable(shares)}`);
        });
      },
    );

  onStrategy(strategies, 'unshare', 'revoke permissions, or the whole share without --permissions')
    .argument('<email>', 'the user to revoke')
    .option('--permissions <list>', 'only these (revoking read revokes all)', permissionList)
    .action(
      async (
        id: number,
        email: string,
        options: { json?: boolean; permissions?: Permission[] },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const shares = await client.strategies.unshare.mutate({
            strategyId: id,
            email,
            permissions: options.permissions,
          });
          if (options.json) return printJson(shares);
          process.stdout.write(
            `Revoked on strategy ${id} for ${email}.\n${renderShareTable(shares)}`,
          );
        });
      },
    );

  onStrategy(strategies, 'shares', 'who a strategy is shared with, and what each may do').action(
    async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const shares = await client.strategies.shares.query({ strategyId: id });
        if (options.json) return printJson(shares);
        process.stdout.write(renderShareTable(shares));
      });
    },
  );

  return strategies;
}
