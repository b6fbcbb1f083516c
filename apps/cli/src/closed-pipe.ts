/**
 * A reader that stops early (`tradewind ... --json | head`) closes the pipe, and the next write
 * fails with EPIPE. Like Unix tools, the CLI then stops quietly (exit 0: the reader has all it
 * wanted) instead of dying on an unhandled 'error' event with a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}
