import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { statusCommand } from './commands/status.ts';
import { DEFAULT_SERVER_URL } from './global-options.ts';

/** The `tradewind` command tree; one module per command group under `commands/`. */
export function buildProgram(): Command {
  return new Command('tradewind')
    .description('Operate a Tradewind trading-bot server')
    .version(packageJson.version, '-v, --version')
    .option(
      '--url <url>',
      'server base URL (env TRADEWIND_URL)',
      process.env.TRADEWIND_URL || DEFAULT_SERVER_URL,
    )
    .showHelpAfterError()
    .addCommand(statusCommand());
}
