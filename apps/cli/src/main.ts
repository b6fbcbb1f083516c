import { CommanderError } from 'commander';
import { describeError } from './cli-error.ts';
import { exitQuietlyOnClosedPipe } from './closed-pipe.ts';
import { resolveServerUrl } from './connection.ts';
import { DEFAULT_SERVER_URL } from './global-options.ts';
import { buildProgram } from './program.ts';

exitQuietlyOnClosedPipe();
const program = buildProgram().exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own usage errors, help and version.
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Ctrl-C at a prompt: the operator knows; say no more than that.
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('tradewind: cancelled\n');
    process.exit(130);
  }
  const url = await resolveServerUrl(program).catch(() => DEFAULT_SERVER_URL);
  process.stderr.write(`tradewind: ${await describeError(error, url)}\n`);
  process.exit(1);
}
