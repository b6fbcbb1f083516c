import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { loggerOptions } from './logging/logger-options.ts';
import { type RunningServer, startServer } from './start-server.ts';
import { SERVER_VERSION } from './version.ts';

/** Process entry point: config, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tradewind-server: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // The HTTP host's logger exists only once the database is open: say what takes the time first.
  const started = performance.now();
  pino(loggerOptions(config)).info(
    { version: SERVER_VERSION, port: config.port },
    `Tradewind ${SERVER_VERSION} starting: opening ${config.databaseUrl ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`} and applying pending migrations…`,
  );
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `tradewind-server: port ${config.port} on ${config.host} is already in use (another Tradewind server?); stop it, or choose another port: PORT=${config.port + 1} npx -y pnpm@12.21.0 start\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const log = server.app.log;
  const demo = server.demoUser;
  log.info(
    {
      url: server.url,
      database: server.deps.db.dialect,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      version: server.deps.version,
      startupMs: Math.round(performance.now() - started),
      ...(demo && { demoUser: demo.email }),
    },
    `Tradewind ${server.deps.version} listening on ${server.url}` +
      (demo ? ` (demo login: ${demo.email} / ${demo.password})` : ''),
  );

  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    // A stuck request or stream must not keep a stopping process alive forever.
    setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `tradewind-server: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
