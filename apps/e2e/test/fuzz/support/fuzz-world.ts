/**
 * The world the fuzz suites run in: one real server, an owner with one of each resource, and
 * the three callers that must never change them (anonymous, the owner's READ_ONLY key, a
 * second user), plus a snapshot of the owner's rows to prove it.
 */
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { clientsFor } from '../../support/clients.ts';
import { seedAlert, sendAlert } from '../../tradingview/webhook-support.ts';
import type { Caller } from './doors.ts';

/** The owner's real ids, by the kind of resource an id-taking input names. */
export type OwnedIds = {
  bot: number;
  strategy: number;
  backtest: number;
  webhook: number;
  delivery: string;
  signal: string;
  apiKey: string;
  session: string;
  user: string;
  account: string;
  group: string;
  transfer: string;
  operatorAlert: number;
  notificationChannel: number;
};

export type FuzzWorld = {
  server: RunningServer;
  ids: OwnedIds;
  /** tRPC callers: anonymous, the owner's READ_ONLY key, the second user's session. */
  trpcCallers: Caller[];
  /** REST callers: anonymous, the owner's READ_ONLY key, the second user's CONTROL key. */
  restCallers: Caller[];
  /** The second user, as a session (tRPC) and as a CONTROL key (REST). */
  intruder: { trpc: Caller; rest: Caller };
  /** The owner's bots, strategies, keys, webhooks, backtests, sessions and token, as JSON. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
};

const SIMULATED_YEAR = { start: '2020-01-01T00:00:00Z', end: '2020-12-31T00:00:00Z' };

export async function startFuzzWorld(): Promise<FuzzWorld> {
  // Runners off: generated valid bots and backtests of the second user stay queued instead of
  // spending the CPU the suite's time budget is for; the request surface is the same.
  const defaults = loadConfig({ NODE_ENV: 'test' });
  const server = await startTestServer({
    adminEmail: 'root@example.com',
    botRunnerEnabled: false,
    backtests: { ...defaults.backtests, runnerEnabled: false },
    webhookAllowPrivateUrls: true,
    webhookMaxAttempts: 1,
  });
  const clients = clientsFor(server);
  const root = await clients.register('root@example.com', 'Root');
  const admin = clients.withToken(root.accessToken);
  const ownerTokens = await clients.register('owner@example.com', 'Owner');
  const intruderTokens = await clients.register('intruder@example.com', 'Intruder');
  for (const user of [ownerTokens.user, intruderTokens.user]) {
    await admin.admin.users.update.mutate({ userId: user.id, plan: 'enterprise' });
  }
  const owner = clients.withToken(ownerTokens.accessToken);
  const intruder = clients.withToken(intruderTokens.accessToken);
  const readOnly = await owner.apiKeys.create.mutate({ name: 'read', scopes: ['READ_ONLY'] });
  const intruderKey = await intruder.apiKeys.create.mutate({ name: 'ctl', scopes: ['CONTROL'] });

  const bot = await owner.bots.create.mutate({
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: { fast: 3, slow: 8 },
  });
  const strategy = await owner.strategies.create.mutate({
    config: {
      name: 'Owned',
      algorithm: 'MovingAverage',
      parameters: { fast: 3, slow: 8 },
      symbols: ['AAPL'],
    },
  });
  const backtest = await owner.backtests.run.mutate({
    name: 'Owned backtest',
    strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 3, slow: 8 } },
    data: { source: 'simulator', symbols: ['AAPL'], timeframe: '1d', ...SIMULATED_YEAR },
    initialCapital: 10_000,
  } as never);
  const webhook = await owner.webhooks.create.mutate({
    url: 'http://127.0.0.1:9/hook',
    events: ['bot.started'],
  });
  const delivery = await owner.webhooks.test.mutate({ id: webhook.id });
  const { token } = await owner.signals.rotateToken.mutate();
  await sendAlert(server, seedAlert('No such bot'), { token });
  const [signal] = (await owner.signals.list.query({})).signals;
  if (!signal) throw new Error('the owner has no TradingView signal');
  const account = await owner.accounts.create.mutate({ exchange: 'paper', initialBalance: 2_500 });
  const group = await owner.groups.create.mutate({ name: 'Owner group' });
  const channel = await owner.notifications.add.mutate({
    kind: 'email',
    email: 'owner-alerts@example.com',
  });
  // Operator alerts are raised by the server's rules only; one of the owner's, as a rule leaves it.
  const operatorAlert = await server.deps.db.prisma.operatorAlert.create({
    data: {
      userId: ownerTokens.user.id,
      kind: 'webhook_failing',
      type: 'warning',
      severity: 'medium',
      title: 'Webhook failing',
      message: 'The owner receiver answered 500',
    },
  });
  const transfer = await owner.transfers.create.mutate({
    fromProvider: 'binance',
    toProvider: 'kraken',
    amount: 10,
    currency: 'USDT',
  });
  const [session] = await owner.auth.sessions.list.query();
  if (!session) throw new Error('the owner has no session');

  const userId = ownerTokens.user.id;
  const prisma = server.deps.db.prisma;
  const mine = { where: { userId }, orderBy: { id: 'asc' as const } };
  const anonymous: Caller = { name: 'anonymous', headers: {} };
  const readOnlyCaller: Caller = { name: 'read-only key', headers: { 'x-api-key': readOnly.key } };
  const intruderSession: Caller = {
    name: 'second user',
    headers: { authorization: `Bearer ${intruderTokens.accessToken}` },
  };
  const intruderRest: Caller = { name: 'second user', headers: { 'x-api-key': intruderKey.key } };
  return {
    server,
    ids: {
      bot: bot.id,
      strategy: strategy.id,
      backtest: backtest.id,
      webhook: webhook.id,
      delivery: delivery.id,
      signal: signal.id,
      apiKey: readOnly.id,
      session: session.id,
      user: userId,
      account: account.accountId,
      group: group.id,
      transfer: transfer.transfer.id,
      operatorAlert: operatorAlert.id,
      notificationChannel: channel.id,
    },
    trpcCallers: [anonymous, readOnlyCaller, intruderSession],
    restCallers: [anonymous, readOnlyCaller, intruderRest],
    intruder: { trpc: intruderSession, rest: intruderRest },
    async snapshot() {
      const rows = await Promise.all([
        prisma.bot.findMany(mine),
        prisma.strategy.findMany(mine),
        prisma.strategyShare.findMany({
          where: { strategy: { userId } },
          orderBy: [{ strategyId: 'asc' }, { userId: 'asc' }],
        }),
        prisma.apiKey.findMany({ ...mine, omit: { lastUsedAt: true } }),
        prisma.webhookSubscription.findMany(mine),
        prisma.backtest.findMany(mine),
        prisma.session.findMany({ ...mine, omit: { lastUsedAt: true } }),
        prisma.tradingViewToken.findMany({ where: { userId }, omit: { lastUsedAt: true } }),
        prisma.user.findUnique({ where: { id: userId } }),
        prisma.account.findMany(mine),
        prisma.accountGroup.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
        prisma.walletTransfer.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
        prisma.operatorAlert.findMany(mine),
        prisma.notificationChannel.findMany(mine),
      ]);
      return JSON.stringify(rows, (_key, value) =>
        typeof value === 'bigint' ? String(value) : value,
      );
    },
    close: () => server.close(),
  };
}
