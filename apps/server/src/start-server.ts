import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '@tradewind/db';
import { createVenues, SimulatedMarket } from '@tradewind/venues';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './build-server.ts';
import type { Config } from './config.ts';
import { createServices } from './create-services.ts';
import { createEventBus } from './events/create-event-bus.ts';
import { RealtimeHub } from './realtime/realtime-hub.ts';
import { BacktestRunner } from './runtime/backtests/backtest-runner.ts';
import { BotRunner } from './runtime/bots/bot-runner.ts';
import { OperationsMonitor } from './runtime/operations-monitor/operations-monitor.ts';
import { RetentionJob } from './runtime/retention/retention-job.ts';
import { createWebhookDispatcher } from './runtime/webhooks/create-webhook-dispatcher.ts';
import type { ServerDeps } from './server-deps.ts';
import { CredentialCache } from './services/auth/credential-cache.ts';
import { type DemoLogin, ensureDemoUser } from './services/auth/demo-user.ts';
import { RecentReads } from './services/performance/recent-reads.ts';
import { withStoredSettings } from './services/settings/environment-settings.ts';
import { RuntimeSettings } from './services/settings/runtime-settings.ts';
import { SERVER_VERSION } from './version.ts';

export type RunningServer = {
  /** Base URL clients use, e.g. `http://127.0.0.1:8001`. */
  url: string;
  app: FastifyInstance;
  deps: ServerDeps;
  /** Runs this process's bots; undefined when `BOT_RUNNER_ENABLED=false`. */
  runner: BotRunner | undefined;
  /** The demo login, when the embedded development default seeded it (for the banner). */
  demoUser: DemoLogin | undefined;
  /** Graceful stop: refuse new work, end streams, finish in-flight requests, close the database. */
  close(): Promise<void>;
};

export type StartServerOptions = {
  /** Use this database instead of opening one from the config; the caller keeps ownership. */
  database?: Database;
  /** The server's clock (default: the system's); tests share one with the fake exchange. */
  now?: () => Date;
};

/** Opens the database (applying pending migrations), builds the host and starts listening. */
export async function startServer(
  bootConfig: Config,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const db =
    options.database ??
    (await openDatabase({
      databaseUrl: bootConfig.databaseUrl,
      dataDir: path.join(bootConfig.dataDir, 'pglite'),
    }));
  // Stored restart-required settings apply from here on, unless the environment sets them.
  const config = await withStoredSettings(bootConfig, db);
  const shutdown = new AbortController();
  const now = options.now ?? (() => new Date());
  // Services start before the HTTP host exists; their warnings go to its logger once it does.
  let app: FastifyInstance | undefined;
  const { close: closeServices, ...services } = await createServices(config, now, {
    warn: (obj, msg) => app?.log.warn(obj, msg),
  });
  const { bus: events, close: closeEvents } = await createEventBus(config, db, {
    warn: (obj, msg) => app?.log.warn(obj, msg),
  });
  const webhooks = createWebhookDispatcher(
    config,
    { db, events, now, ...services },
    {
      warn: (obj, msg) => app?.log.warn(obj, msg),
    },
  );
  const backtests = new BacktestRunner(
    { db, config, now, events },
    {
      workerId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      logger: {
        warn: (obj, msg) => app?.log.warn(obj, msg),
        error: (obj, msg) => app?.log.error(obj, msg),
      },
    },
  );
  const deps: ServerDeps = {
    config,
    db,
    version: SERVER_VERSION,
    startedAt: new Date(),
    now,
    shutdownSignal: shutdown.signal,
    events,
    realtime: new RealtimeHub({ config: config.realtime, events, db, now }),
    market: new SimulatedMarket(config.simulatorSeed),
    webhooks,
    backtests,
    venues: createVenues({ ...config.venues, now: () => now().getTime() }),
    settings: new RuntimeSettings({ db, events }),
    credentialCache: new CredentialCache({ db, events }),
    recentReads: new RecentReads({ events }),
    ...services,
  };
  const runner = config.botRunnerEnabled
    ? new BotRunner(deps, {
        owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        barMs: config.simulatorBarMs,
        leaseMs: config.botLeaseMs,
        logger: {
          warn: (obj, msg) => app?.log.warn(obj, msg),
          error: (obj, msg) => app?.log.error(obj, msg),
        },
      })
    : undefined;
  const operations = new OperationsMonitor(deps, {
    intervalMs: config.operationsCheckMs,
    logger: { warn: (obj, msg) => app?.log.warn(obj, msg) },
  });

  const retention = config.retention.enabled
    ? new RetentionJob(
        {
          db,
          now,
          logger: {
            info: (obj, msg) => app?.log.info(obj, msg),
            warn: (obj, msg) => app?.log.warn(obj, msg),
          },
        },
        { ...config.retention, replayWindowMs: config.realtime.replayWindowMs },
      )
    : undefined;

  let demoUser: DemoLogin | undefined;
  try {
    // Before listening, so the first login the banner invites already works.
    demoUser = await ensureDemoUser(deps);
    app = await buildServer(deps);
    await app.listen({ port: config.port, host: config.host });
    runner?.start();
    webhooks.start();
    retention?.start();
    if (config.backtests.runnerEnabled) backtests.start();
    operations.start();
  } catch (error) {
    deps.realtime.close();
    deps.settings.close();
    deps.credentialCache.close();
    deps.recentReads.close();
    await closeEvents();
    await closeServices();
    if (!options.database) await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shutdown.abort();
      await app.close();
      // Finish the bar in flight and release leases while the database is still open.
      await runner?.stop();
      await retention?.stop();
      // Running backtests go back to the queue while the database is still open.
      await backtests.stop();
      // Claims on unsent deliveries are handed back, so the next start sends them at once.
      await webhooks.stop();
      await operations.stop();
      deps.realtime.close();
      deps.settings.close();
      deps.credentialCache.close();
      deps.recentReads.close();
      await closeEvents();
      await closeServices();
      if (!options.database) await db.close();
    })();
    return closing;
  };
  return { url: `http://${host}:${port}`, app, deps, runner, demoUser, close };
}
