import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './start-server.ts';

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

  const server = await startServer(config);
  const log = server.app.log;
  const demo = server.demoUser;
  log.info(
    {
      url: server.url,
      database: server.deps.db.dialect,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      version: server.deps.version,
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
