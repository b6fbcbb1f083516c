import { Command, Option } from 'commander';
import { renderPositionTable } from '../bot-view.ts';
import { withConnection } from '../connection.ts';
import { botId, positiveInteger } from '../option-parsers.ts';
import {
  formatMoney,
  formatPercent,
  formatSignedMoney,
  printFacts,
  printJson,
  printTable,
} from '../output.ts';

const BREAKDOWNS = ['daily', 'weekly', 'monthly'] as const;

type PerformanceOptions = {
  breakdown: (typeof BREAKDOWNS)[number];
  limit: number;
  json?: boolean;
};

/** `tradewind performance [botId]`: one bot's figures, or the records of finished bots. */
export function performanceCommand(): Command {
  return new Command('performance')
    .description(
      "show a bot's performance (return, ratios, drawdown, breakdowns); without an id, the records of finished bots",
    )
    .argument('[botId]', 'the bot id, from `tradewind bots list`', botId)
    .addOption(
      new Option('--breakdown <period>', 'returns per period, with a bot id')
        .choices(BREAKDOWNS)
        .default('monthly'),
    )
    .option(
      '--limit <count>',
      'records to list, without a bot id (default 50)',
      positiveInteger,
      50,
    )
    .option('--json', 'print JSON for scripts')
    .action(async (id: number | undefined, options: PerformanceOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        if (id === undefined) {
          const records = await client.performance.records.query({ limit: options.limit });
          if (options.json) return printJson(records);
          // Records give percents, not fractions.
          printTable(
            [
              'ID',
              'Bot',
              'Strategy',
              'Type',
              'Symbols',
              'From',
              'To',
              'Initial',
              'Final',
              'Return',
              'Max drawdown',
              'Sharpe',
              'Trades',
              'Win rate',
            ],
            records.map((record) => [
              String(record.id),
              record.sessionId === null ? '-' : String(record.sessionId),
              record.strategyName,
              record.executionType,
              record.symbols.join(','),
              record.startDate,
              record.endDate,
              formatMoney(record.initialCapital),
              formatMoney(record.finalCapital),
              formatPercent(record.totalReturn / 100),
              formatPercent(record.maxDrawdown / 100),
              formatRatio(record.sharpeRatio),
              String(record.totalTrades),
              formatPercent(record.winRate / 100),
            ]),
            'No performance records yet: a bot gets one when it finishes.',
          );
          return;
        }

        const performance = await client.performance.bot.query({ botId: id });
        if (options.json) return printJson(performance);
        printFacts([
          ['Bot', String(performance.botId)],
          ['Initial cash', formatMoney(performance.initialCash)],
          ['Equity', formatMoney(performance.equity)],
          ['Total return', formatPercent(performance.totalReturn)],
          [
            'PnL',
            `${formatSignedMoney(performance.pnl)} (realized ${formatSignedMoney(performance.realizedPnl)}, unrealized ${formatSignedMoney(performance.unrealizedPnl)})`,
          ],
          [
            'Round trips',
            `${performance.totalTrades} (${performance.winningTrades} won, ${performance.losingTrades} lost)`,
          ],
          ['Win rate', formatPercent(performance.winRate)],
          ['Profit factor', formatRatio(performance.profitFactor)],
          [
            'Average win / loss',
            `${formatSignedMoney(performance.averageWin)} / ${formatSignedMoney(performance.averageLoss)}`,
          ],
          [
            'Largest win / loss',
            `${formatSignedMoney(performance.largestWin)} / ${formatSignedMoney(performance.largestLoss)}`,
          ],
          ['Sharpe', formatRatio(performance.sharpeRatio)],
          ['Sortino', formatRatio(performance.sortinoRatio)],
          ['Calmar', formatRatio(performance.calmarRatio)],
          ['Max drawdown', formatPercent(performance.maxDrawdown)],
          ['Fees', formatMoney(performance.totalFees)],
          ['Bars', String(performance.periods)],
        ]);
        process.stdout.write(`\nOpen positions\n${renderPositionTable(performance.openPositions)}`);
        const periods = performance[options.breakdown];
        process.stdout.write(`\n${capitalize(options.breakdown)} returns\n`);
        printTable(
          ['Period', 'Return'],
          periods.map((period) => [period.period, formatPercent(period.return)]),
          'No returns yet.',
        );
      });
    });
}

/** `tradewind stats`: a summary across all the caller's bots. */
export function statsCommand(): Command {
  return new Command('stats')
    .description('summarize all your bots: trades, win rate, PnL, returns')
    .option('--overview', 'show the metrics overview instead: capital, exposure, risk level')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { overview?: boolean; json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        // Both give percents, not fractions.
        if (options.overview) {
          const overview = await client.performance.overview.query();
          if (options.json) return printJson(overview);
          printFacts([
            ['Bots', `${overview.activeBots} active / ${overview.totalBots} total`],
            ['Total capital', formatMoney(overview.totalCapital)],
            ['Total profit', formatSignedMoney(overview.totalProfit)],
            ['Win rate', formatPercent(overview.winRate / 100)],
            ['Exposure', formatPercent(overview.exposure / 100)],
            ['Risk level', overview.riskLevel],
          ]);
          return;
        }
        const stats = await client.performance.stats.query();
        if (options.json) return printJson(stats);
        printFacts([
          ['Bots', `${stats.activeBots} active / ${stats.totalBots} total`],
          ['Trades', `${stats.totalTrades} (${stats.totalWinningTrades} won)`],
          ['Win rate', formatPercent(stats.winRate / 100)],
          ['Average win rate', formatPercent(stats.averageWinRate / 100)],
          ['Total PnL', formatSignedMoney(stats.totalPnl)],
          ['Average return', formatPercent(stats.averageReturn / 100)],
        ]);
      });
    });
}

/** Sharpe, Sortino, Calmar, profit factor: two decimals; `-` where undefined. */
function formatRatio(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toFixed(2);
}

function capitalize(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
