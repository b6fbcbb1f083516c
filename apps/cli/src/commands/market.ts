import path from 'node:path';
import { TIMEFRAMES } from '@tradewind/sdk/enums';
import { Command, Option } from 'commander';
import { rewordServerError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { positiveInteger, symbol } from '../option-parsers.ts';
import { formatNumber, formatPrice, formatTimestamp, printJson, printTable } from '../output.ts';
import { readTextFile } from '../read-text-file.ts';
import { marketSyncCommand } from './market-sync.ts';

type Timeframe = (typeof TIMEFRAMES)[number];
type ImportOptions = { symbol: string; timeframe: Timeframe; shared?: boolean; json?: boolean };
type CandlesOptions = { venue: string; timeframe: Timeframe; limit: number; json?: boolean };

/** `tradewind market`: the candles bots and backtests trade on. */
export function marketCommand(): Command {
  const market = new Command('market').description('import and inspect market data (candles)');

  market
    .command('import')
    .description('import OHLCV candles from a CSV file (Yahoo or date,open,high,low,close,volume)')
    .argument('<file>', 'the CSV file to read')
    .requiredOption('--symbol <symbol>', 'the symbol the rows are for, e.g. AAPL', symbol)
    .addOption(
      new Option('--timeframe <timeframe>', 'the bar interval of the rows')
        .choices(TIMEFRAMES)
        .default('1d'),
    )
    .option('--shared', 'admins: share the candles with every user (default: yours alone)')
    .option('--json', 'print the result as JSON for scripts')
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const csv = await readTextFile(file);
      await withConnection(command, 'required', async ({ client }) => {
        const result = await client.market.import
          .mutate({
            symbol: options.symbol,
            timeframe: options.timeframe,
            csv,
            source: path.basename(file),
            shared: options.shared === true,
          })
          .catch((error: unknown) =>
            // `csv: line 3: ...` is the file's line 3: name the file.
            rewordServerError(error, (message) =>
              message.startsWith('csv: ') ? `${file}: ${message.slice('csv: '.length)}` : undefined,
            ),
          );
        if (options.json) return printJson(result);
        process.stdout.write(
          `Imported ${result.imported} ${result.timeframe} candles for ${result.symbol}` +
            (result.from && result.to
              ? ` (${formatTimestamp(result.from)} to ${formatTimestamp(result.to)})`
              : '') +
            '\n',
        );
      });
    });

  market
    .command('symbols')
    .description('list the symbols with stored candles, per timeframe')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const symbols = await client.market.symbols.query();
        if (options.json) return printJson(symbols);
        printTable(
          ['Symbol', 'Timeframe', 'Candles', 'From', 'To'],
          symbols.map((entry) => [
            entry.symbol,
            entry.timeframe,
            String(entry.candles),
            formatTimestamp(entry.from),
            formatTimestamp(entry.to),
          ]),
          'No stored candles.',
        );
      });
    });

  market
    .command('candles')
    .description("show a symbol's latest stored candles")
    .argument('<symbol>', 'e.g. AAPL', symbol)
    .addOption(
      new Option('--timeframe <timeframe>', 'bar interval').choices(TIMEFRAMES).default('1d'),
    )
    .option('--venue <venue>', 'import (CSV imports) or an exchange id such as binance', 'import')
    .option('--limit <count>', 'at most this many (default 500)', positiveInteger, 500)
    .option('--json', 'print JSON for scripts')
    .action(async (ticker: string, options: CandlesOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const candles = await client.market.candles.query({
          venue: options.venue,
          symbol: ticker,
          timeframe: options.timeframe,
          limit: options.limit,
        });
        if (options.json) return printJson(candles);
        printTable(
          ['Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'Source'],
          candles.map((candle) => [
            formatTimestamp(candle.time),
            formatPrice(candle.open),
            formatPrice(candle.high),
            formatPrice(candle.low),
            formatPrice(candle.close),
            formatNumber(candle.volume),
            candle.source,
          ]),
          `No ${options.timeframe} candles for ${ticker}.`,
        );
      });
    });

  market.addCommand(marketSyncCommand());

  market
    .command('list')
    .description('list the stored candle series: venue, symbol, timeframe, range and count')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const series = await client.market.list.query();
        if (options.json) return printJson(series);
        printTable(
          ['Venue', 'Symbol', 'Timeframe', 'Candles', 'From', 'To', 'Owner'],
          series.map((entry) => [
            entry.venue,
            entry.symbol,
            entry.timeframe,
            String(entry.candles),
            formatTimestamp(entry.from),
            formatTimestamp(entry.to),
            entry.shared ? 'shared' : 'you',
          ]),
          'No stored candles.',
        );
      });
    });

  return market;
}
