import { CommanderError } from 'commander';
import { describeError } from './cli-error.ts';
import { DEFAULT_SERVER_URL } from './global-options.ts';
import { buildProgram } from './program.ts';

const program = buildProgram().exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own usage errors, help and version.
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const url = program.opts<{ url?: string }>().url ?? DEFAULT_SERVER_URL;
  process.stderr.write(`tradewind: ${describeError(error, url)}\n`);
  process.exit(1);
}
