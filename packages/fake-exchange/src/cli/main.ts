import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startFakeExchange } from '../start-fake-exchange.ts';

const USAGE = `Usage: fake-exchange [--port 9400] [--host 127.0.0.1] [--seed 1] [--config file.json] [--no-limits]

A fake Binance spot exchange (REST) for tests and CI. --config takes the options of
startFakeExchange as JSON (symbols, accounts, limits, faults, feeRate); flags override it.`;

/** Reads the command line into options, or throws naming the bad flag. */
function readOptions(argv: string[]): Record<string, unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      config: { type: 'string' },
      'no-limits': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options: Record<string, unknown> =
    values.config === undefined ? {} : JSON.parse(readFileSync(values.config, 'utf8'));
  if (values.port !== undefined) options.port = Number(values.port);
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) options.seed = Number(values.seed);
  if (values['no-limits']) options.limits = false;
  return options;
}

try {
  const fake = await startFakeExchange(readOptions(process.argv.slice(2)));
  process.stdout.write(`Fake Binance spot exchange listening on ${fake.url}\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const message =
    error instanceof z.ZodError
      ? z.prettifyError(error)
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`fake-exchange: ${message}\n${USAGE}\n`);
  process.exit(2);
}
