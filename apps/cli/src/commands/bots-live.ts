import type { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { botId, positiveNumber } from '../option-parsers.ts';
import { printJson } from '../output.ts';

type ReportOptions = { all?: boolean; json?: boolean };
type LimitsOptions = { maxOrderNotional: number; maxOpenExposure: number; json?: boolean };

/** LIVE bots' subcommands of `tradewind bots`: reconcile reports, orders, account limits. */
export function addLiveBotCommands(bots: Command): void {
  bots
    .command('reconcile-report')
    .description("a LIVE bot's last reconciliation with its exchange: what was found and done")
    .argument('<id>', 'bot id', botId)
    .option('--all', 'every report, newest first')
    .option('--json', 'print JSON for scripts')
    .action(async (id: number, options: ReportOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const { reports } = await client.live.reconcileReports.query({ botId: id });
        const shown = options.all ? reports : reports.slice(0, 1);
        if (options.json) return printJson(options.all ? reports : (shown[0] ?? null));
        if (shown.length === 0) {
          process.stdout.write(
            `Bot ${id} has not been reconciled (it is not a LIVE bot, or has not run).\n`,
          );
          return;
        }
        for (const report of shown) {
          const lines = [
            `Reconciled ${report.createdAt} by ${report.owner} (policy ${report.policy})${report.paused ? ': PAUSED' : ''}`,
            `  open orders adopted: ${report.adoptedOrders.map((o) => o.clientOrderId).join(', ') || 'none'}`,
            `  lost answers settled: ${report.settledOrders.map((o) => `${o.clientOrderId} ${o.status}`).join(', ') || 'none'}`,
            `  unknown open orders (left alone): ${report.unknownOrders.map((o) => `${o.id} ${o.symbol}`).join(', ') || 'none'}`,
            `  fills recorded: ${report.recordedFills}`,
            ...report.positions.map(
              (p) =>
                `  ${p.symbol}: ledger ${p.ledger}, exchange ${p.exchange}${p.matches ? '' : ' (DIFFERS)'}`,
            ),
            ...report.actions.map((action) => `  done: ${action}`),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      });
    });

  bots
    .command('orders')
    .description(
      "a LIVE bot's exchange orders (client order id, status, fills with the exchange's fees)",
    )
    .argument('<id>', 'bot id', botId)
    .option('--json', 'print JSON for scripts')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const { orders } = await client.live.orders.query({ botId: id });
        if (options.json) return printJson(orders);
        for (const order of orders) {
          const fees = order.fills.map((fill) => `${fill.fee} ${fill.feeCurrency}`).join(', ');
          process.stdout.write(
            `${order.clientOrderId}  ${order.side} ${order.quantity} ${order.symbol}  ${order.status}  filled ${order.filled}${fees ? `  fees ${fees}` : ''}${order.error ? `  (${order.error})` : ''}\n`,
          );
        }
      });
    });

  bots
    .command('live-limits')
    .description("set an exchange account's LIVE limits, checked before every order")
    .argument('<accountId>', 'account id')
    .requiredOption(
      '--max-order-notional <amount>',
      'largest single order (quote currency)',
      positiveNumber,
    )
    .requiredOption(
      '--max-open-exposure <amount>',
      'largest open exposure (quote currency)',
      positiveNumber,
    )
    .option('--json', 'print JSON for scripts')
    .action(async (accountId: string, options: LimitsOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        const limits = await client.live.setAccountLimits.mutate({
          accountId,
          maxOrderNotional: options.maxOrderNotional,
          maxOpenExposure: options.maxOpenExposure,
        });
        if (options.json) return printJson(limits);
        process.stdout.write(
          `Account ${accountId}: LIVE orders up to ${limits.maxOrderNotional}, open exposure up to ${limits.maxOpenExposure}.\n`,
        );
      });
    });
}
