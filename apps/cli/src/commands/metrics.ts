import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { positiveNumber } from '../option-parsers.ts';
import { formatMoney, formatPercent, printFacts, printJson } from '../output.ts';

const orDash = (value: number | null, unit = '') => (value === null ? '-' : `${value}${unit}`);

/** `tradewind metrics history`: seed 004's `GET /metrics?hours`. */
export function metricsCommand(): Command {
  const metrics = new Command('metrics').description('trading figures and sampled server health');
  metrics
    .command('history')
    .description('your trading figures and the server health over the last hours')
    .option('--hours <hours>', 'how far back (default 1, at most 168)', positiveNumber, 1)
    .option('--json', 'print JSON for scripts')
    .action(async (options: { hours: number; json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const history = await client.metrics.history.query({ hours: options.hours });
        if (options.json) return printJson(history);
        const { trading, system } = history.metrics;
        printFacts([
          ['Period', `${history.periodHours} h`],
          [
            'Trades',
            `${trading.totalTrades} (${trading.successfulTrades} won, ${trading.failedTrades} lost)`,
          ],
          ['PnL', formatMoney(trading.totalPnl)],
          ['Win rate', formatPercent(trading.winRate)],
          ['CPU (avg)', orDash(system.avgCpuUsage, ' %')],
          ['Memory (avg)', orDash(system.avgMemoryUsage, ' %')],
          ['Event-loop delay (max)', orDash(system.maxLatencyMs, ' ms')],
          ['Uptime', orDash(system.uptimePercentage, ' %')],
        ]);
      });
    });
  return metrics;
}
