import type { TradewindInputs } from '@tradewind/sdk';
import {
  BOT_MODES,
  BOT_STATUSES,
  RESTART_POLICIES,
  RISK_MODES,
  TIMEFRAMES,
} from '@tradewind/sdk/enums';
import { Command, Option } from 'commander';
import {
  type Bot,
  type BotDetail,
  renderBotDetail,
  renderBotFacts,
  renderBotTable,
  statusLabel,
  type Trade,
  totalPnl,
} from '../bot-view.ts';
import { rewordServerError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import {
  botId,
  isoDateTime,
  keyValue,
  type ParamValue,
  positiveInteger,
  positiveNumber,
  symbol,
  symbolList,
} from '../option-parsers.ts';
import { formatMoney, formatNumber, formatPrice, formatSignedMoney, printJson } from '../output.ts';
import { watch } from '../watch.ts';
import { addBotAccountCommands } from './bots-accounts.ts';
import { addLiveBotCommands } from './bots-live.ts';

type CreateInput = TradewindInputs['bots']['create'];

/** Trades `bots show` lists unless told otherwise. */
const SHOWN_TRADES = 20;

type StartOptions = {
  strategy: string;
  symbols: string[];
  cash: number;
  name?: string;
  param?: Record<string, ParamValue>;
  timeframe: (typeof TIMEFRAMES)[number];
  feed?: string;
  mode: (typeof BOT_MODES)[number];
  riskMode?: (typeof RISK_MODES)[number];
  risk?: Record<string, ParamValue>;
  end?: string;
  account?: string;
  confirmLive?: boolean;
  restartPolicy?: (typeof RESTART_POLICIES)[number];
  json?: boolean;
};

type ListOptions = {
  status?: (typeof BOT_STATUSES)[number];
  mode?: (typeof BOT_MODES)[number];
  limit: number;
  json?: boolean;
};

type ShowOptions = { trades: number; all?: boolean; watch?: boolean; json?: boolean };

/** `tradewind bots`: start, watch and control trading bots. */
export function botsCommand(): Command {
  const bots = new Command('bots').description('start, list, watch and control trading bots');
  addLiveBotCommands(bots);

  bots
    .command('start')
    .description('create a bot and start it trading')
    .requiredOption('--strategy <name>', 'built-in strategy, e.g. MovingAverage')
    .requiredOption('--symbols <list>', 'comma-separated symbols, e.g. AAPL,GOOGL', symbolList)
    .requiredOption('--cash <amount>', 'initial cash', positiveNumber)
    .option('--name <name>', 'a name to tell it by (default: chosen by the server)')
    .option(
      '--param <key=value>',
      'strategy parameter, repeatable (numbers and true/false are typed)',
      keyValue('fast=10'),
    )
    .addOption(
      new Option('--timeframe <timeframe>', 'bar interval').choices(TIMEFRAMES).default('1m'),
    )
    .option(
      '--feed <feed>',
      'where its bars come from: simulator (default) or an exchange, e.g. binance with --symbols BTC/USDT',
    )
    .addOption(new Option('--mode <mode>', 'trading mode').choices(BOT_MODES).default('PAPER'))
    .addOption(
      new Option(
        '--risk-mode <mode>',
        'default risk guards (default: your risk.default_mode setting, balanced unless changed)',
      ).choices(RISK_MODES),
    )
    .option(
      '--risk <key=value>',
      'risk guard override, repeatable: stopLossPercent, maxPositionPercent, maxDailyLossPercent, maxDrawdownPercent, cooldownBars',
      keyValue('stopLossPercent=5'),
    )
    .option(
      '--end <iso>',
      'stop automatically at this time, e.g. 2026-12-31T16:00:00Z',
      isoDateTime,
    )
    .option('--account <id>', 'LIVE: the keyed exchange account it trades on')
    .option('--confirm-live', 'LIVE: confirm that this bot trades real money')
    .addOption(
      new Option(
        '--restart-policy <policy>',
        'LIVE: a position the account lacks after a restart: pause (resume), adopt, flatten',
      ).choices(RESTART_POLICIES),
    )
    .option('--json', 'print the started bot as JSON for scripts')
    .action(async (options: StartOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const bot = await client.bots.create
          .mutate({
            name: options.name,
            mode: options.mode,
            initialCash: options.cash,
            symbols: options.symbols,
            strategy: options.strategy,
            params: options.param ?? {},
            timeframe: options.timeframe,
            feed: options.feed,
            riskMode: options.riskMode,
            risk: options.risk as CreateInput['risk'],
            scheduledEndTime: options.end,
            accountId: options.account,
            confirmLive: options.confirmLive,
            restartPolicy: options.restartPolicy,
          })
          .catch((error: unknown) =>
            // The active-bot limit: say which bot holds it and how to free it.
            rewordServerError(error, (message, { activeBotId }) =>
              typeof activeBotId === 'number'
                ? `${message} (bot ${activeBotId}; stop it with \`tradewind bots stop ${activeBotId}\`)`
                : undefined,
            ),
          );
        if (options.json) return printJson(bot);
        process.stdout.write(renderBotFacts(bot));
        process.stdout.write(
          `Started bot ${bot.id}; watch it with \`tradewind bots show ${bot.id} --watch\`.\n`,
        );
      });
    });

  bots
    .command('list')
    .description('list your bots, newest first')
    .addOption(new Option('--status <status>', 'only bots in this status').choices(BOT_STATUSES))
    .addOption(new Option('--mode <mode>', 'only bots in this mode').choices(BOT_MODES))
    .option('--limit <count>', 'at most this many (default 50)', positiveInteger, 50)
    .option('--json', 'print JSON for scripts')
    .action(async (options: ListOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const list = await client.bots.list.query({
          status: options.status,
          mode: options.mode,
          limit: options.limit,
        });
        if (options.json) return printJson(list);
        process.stdout.write(renderBotTable(list));
      });
    });

  bots
    .command('show')
    .description('show a bot: its figures, open positions and trades')
    .argument('<id>', 'the bot id, from `tradewind bots list`', botId)
    .option(
      '--trades <count>',
      `show this many of the latest trades (default ${SHOWN_TRADES})`,
      positiveInteger,
      SHOWN_TRADES,
    )
    .option('--all', 'show every trade')
    .option('--watch', 'refresh every second until Ctrl-C')
    .option('--json', 'print JSON for scripts (with --watch, one line per refresh)')
    .action(async (id: number, options: ShowOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const load = (signal?: AbortSignal) => client.bots.get.query({ botId: id }, { signal });
        const render = (bot: BotDetail) =>
          renderBotDetail(bot, options.all ? undefined : options.trades);
        if (options.watch) {
          return watch(
            async (signal) => {
              const bot = await load(signal);
              return options.json ? JSON.stringify(bot) : render(bot);
            },
            { title: `tradewind bots show ${id}`, intervalMs: 1000, raw: options.json },
          );
        }
        const bot = await load();
        if (options.json) return printJson(bot);
        process.stdout.write(render(bot));
      });
    });

  for (const [name, verb, description] of [
    ['pause', 'Paused', 'pause a bot: it keeps its positions but trades no more until resumed'],
    ['resume', 'Resumed', 'resume a paused bot'],
    [
      'stop',
      'Stopped',
      'stop a bot for good: its positions close at the last price, and it gets a performance record',
    ],
    [
      'terminate',
      'Terminated',
      'close every position and stop the bot at once (what stop does, by its seed name)',
    ],
  ] as const) {
    bots
      .command(name)
      .description(description)
      .argument('<id>', 'the bot id, from `tradewind bots list`', botId)
      .option('--json', 'print the bot as JSON for scripts')
      .action(async (id: number, options: { json?: boolean }, command: Command) => {
        await withConnection(command, 'required', async ({ client }) => {
          const bot = await client.bots[name].mutate({ botId: id });
          if (options.json) return printJson(bot);
          process.stdout.write(`${verb} bot ${bot.id}: ${describeBot(bot)}\n`);
        });
      });
  }

  bots
    .command('delete')
    .description('delete a bot that is not running, with its trades')
    .argument('<id>', 'the bot id, from `tradewind bots list`', botId)
    .option('--json', "print the server's answer as JSON for scripts")
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const deleted = await client.bots.delete.mutate({ botId: id });
        if (options.json) return printJson(deleted);
        process.stdout.write(`Deleted bot ${id}\n`);
      });
    });

  bots
    .command('force-enter')
    .description('buy into a symbol now, whatever the strategy says')
    .argument('<id>', 'the bot id, from `tradewind bots list`', botId)
    .argument('<symbol>', "one of the bot's symbols", symbol)
    .option('--quantity <count>', 'how many (default: sized by the risk guards)', positiveNumber)
    .option('--json', "print the server's answer as JSON for scripts")
    .action(
      async (
        id: number,
        ticker: string,
        options: { quantity?: number; json?: boolean },
        command: Command,
      ) => {
        await withConnection(command, 'required', async ({ client }) => {
          const entered = await client.bots.forceEnter.mutate({
            botId: id,
            symbol: ticker,
            quantity: options.quantity,
          });
          if (options.json) return printJson(entered);
          process.stdout.write(`Bot ${id} ${describeFill(entered)}\n`);
        });
      },
    );

  bots
    .command('force-exit')
    .description("sell a symbol's whole position now, whatever the strategy says")
    .argument('<id>', 'the bot id, from `tradewind bots list`', botId)
    .argument('<symbol>', 'a symbol the bot holds', symbol)
    .option('--json', "print the server's answer as JSON for scripts")
    .action(async (id: number, ticker: string, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const exited = await client.bots.forceExit.mutate({ botId: id, symbol: ticker });
        if (options.json) return printJson(exited);
        process.stdout.write(`Bot ${id} ${describeFill(exited)}\n`);
      });
    });

  addBotAccountCommands(bots);
  return bots;
}

/** `"ma-1" is PAUSED, equity 10,012.00, PnL +12.00`. */
function describeBot(bot: Bot): string {
  return `"${bot.name}" is ${statusLabel(bot)}, equity ${formatMoney(bot.equity)}, PnL ${formatSignedMoney(totalPnl(bot))}`;
}

/** `bought 2 MSFT at 101.5 (fee 0.20)`, `sold 2 MSFT at 103 (fee 0.21, PnL +2.59)`. */
function describeFill(trade: Trade): string {
  const verb = trade.action === 'BUY' ? 'bought' : 'sold';
  const pnl = trade.pnl === null ? '' : `, PnL ${formatSignedMoney(trade.pnl)}`;
  return `${verb} ${formatNumber(trade.quantity)} ${trade.symbol} at ${formatPrice(trade.price)} (fee ${formatMoney(trade.fee)}${pnl})`;
}
