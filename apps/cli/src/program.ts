import { Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { accountsCommand } from './commands/accounts.ts';
import { alertsCommand } from './commands/alerts.ts';
import { backtestCommand } from './commands/backtest.ts';
import { botsCommand } from './commands/bots.ts';
import { chatCommand } from './commands/chat.ts';
import { configCommand } from './commands/config.ts';
import { groupsCommand } from './commands/groups.ts';
import { keysCommand } from './commands/keys.ts';
import { loginCommand } from './commands/login.ts';
import { logoutCommand } from './commands/logout.ts';
import { mailCommand } from './commands/mail.ts';
import { marketCommand } from './commands/market.ts';
import { metricsCommand } from './commands/metrics.ts';
import { notificationsCommand } from './commands/notifications.ts';
import { optimizeCommand } from './commands/optimize.ts';
import { passwordCommand } from './commands/password.ts';
import { performanceCommand, statsCommand } from './commands/performance.ts';
import { platformsCommand, providersCommand, walletCommand } from './commands/platforms.ts';
import { positionsCommand } from './commands/positions.ts';
import { sessionsCommand } from './commands/sessions.ts';
import { statusCommand } from './commands/status.ts';
import { strategiesCommand } from './commands/strategies.ts';
import { systemCommand } from './commands/system.ts';
import { tradeCommand } from './commands/trade.ts';
import { tradesCommand } from './commands/trades.ts';
import { tradingViewCommand } from './commands/tradingview.ts';
import { transfersCommand } from './commands/transfers.ts';
import { twoFactorCommand } from './commands/two-factor.ts';
import { watchCommand } from './commands/watch.ts';
import { webhooksCommand } from './commands/webhooks.ts';
import { whoamiCommand } from './commands/whoami.ts';
import { DEFAULT_PROFILE, DEFAULT_SERVER_URL, parseProfileName } from './global-options.ts';

/** The `tradewind` command tree; one module per command group under `commands/`. */
export function buildProgram(): Command {
  return (
    new Command('tradewind')
      .description('Operate a Tradewind trading-bot server')
      .version(packageJson.version, '-v, --version')
      // No default here: an unset --url falls back to TRADEWIND_URL, then the profile's server.
      .addOption(
        new Option(
          '--url <url>',
          `server base URL (env TRADEWIND_URL; default: the profile's server, else ${DEFAULT_SERVER_URL})`,
        ),
      )
      .addOption(
        new Option('--profile <name>', 'credentials profile (env TRADEWIND_PROFILE)')
          .default(process.env.TRADEWIND_PROFILE || DEFAULT_PROFILE)
          .argParser(parseProfileName),
      )
      .addHelpText(
        'after',
        '\nTRADEWIND_API_KEY, when set, authenticates commands instead of the stored session.',
      )
      .showHelpAfterError()
      .addCommand(statusCommand())
      .addCommand(loginCommand())
      .addCommand(logoutCommand())
      .addCommand(whoamiCommand())
      .addCommand(keysCommand())
      .addCommand(sessionsCommand())
      .addCommand(passwordCommand())
      .addCommand(twoFactorCommand())
      .addCommand(mailCommand())
      .addCommand(botsCommand())
      .addCommand(tradesCommand())
      .addCommand(alertsCommand())
      .addCommand(watchCommand())
      .addCommand(performanceCommand())
      .addCommand(statsCommand())
      .addCommand(marketCommand())
      .addCommand(backtestCommand())
      .addCommand(strategiesCommand())
      .addCommand(tradingViewCommand())
      .addCommand(webhooksCommand())
      .addCommand(accountsCommand())
      .addCommand(providersCommand())
      .addCommand(platformsCommand())
      .addCommand(walletCommand())
      .addCommand(configCommand())
      .addCommand(systemCommand())
      .addCommand(optimizeCommand())
      .addCommand(chatCommand())
      .addCommand(groupsCommand())
      .addCommand(tradeCommand())
      .addCommand(positionsCommand())
      .addCommand(transfersCommand())
      .addCommand(notificationsCommand())
      .addCommand(metricsCommand())
  );
}
