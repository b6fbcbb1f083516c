/**
 * Runtime configuration (seed 004 `GET/POST /config`, issue 18 item 1) through the SDK and the
 * `tradewind` binary: the seed's example values and every field of its answers, validate-only
 * changing nothing, errors naming the key, audit with old and new values, per-user defaults,
 * and an environment variable winning over stored values.
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { type OperatorCli, operatorCli, printedJson } from './operator-cli.ts';

/** Seed 004's `GET /config` example settings: also the defaults. */
const SEED_SETTINGS = {
  trading: { max_position_size: 0.1, trading_pairs: ['BTCUSDT', 'ETHUSDT'], base_currency: 'USDT' },
  risk: { max_portfolio_risk: 0.02, max_daily_loss: 0.05, stop_loss_percent: 0.03 },
};
/** Seed 004's `POST /config` example request. */
const SEED_UPDATE = {
  settings: { trading: { max_position_size: 0.15 }, risk: { stop_loss_percent: 0.025 } },
  validateOnly: false,
  restartRequired: false,
};
const SEED_ANSWER = {
  success: true,
  message: 'Configuration updated successfully',
  restartRequired: false,
  updatedSettings: ['trading.max_position_size', 'risk.stop_loss_percent'],
};

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let adminToken: string;
let adminKey: string;
let traderToken: string;
let cli: OperatorCli;

const countRows = () =>
  Promise.all([
    server.deps.db.prisma.systemConfig.count(),
    server.deps.db.prisma.userSetting.count(),
    server.deps.db.prisma.auditEntry.count({ where: { action: 'config.updated' } }),
  ]);

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'config-root@example.com' });
  clients = clientsFor(server);
  adminToken = (await clients.register('config-root@example.com')).accessToken;
  traderToken = (await clients.register('config-trader@example.com')).accessToken;
  adminKey = (
    await clients.withToken(adminToken).apiKeys.create.mutate({ name: 'ops', scopes: ['ADMIN'] })
  ).key;
  cli = await operatorCli(server.url, adminKey);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
});

describe('config.get (seed 004 GET /config)', () => {
  it("answers the seed's fields through the SDK and the CLI, with each key's metadata", async () => {
    const view = await clients.withToken(adminToken).config.get.query();
    expect(view).toMatchObject({
      environment: 'test',
      version: server.deps.version,
      level: 'system',
      lastUpdated: null,
      settings: SEED_SETTINGS,
    });
    expect(view.entries.find((entry) => entry.key === 'paper.commission_rate')).toEqual({
      key: 'paper.commission_rate',
      value: 0.001,
      default: 0.001,
      source: 'default',
      restartRequired: true,
      levels: ['system'],
      environmentVariable: 'PAPER_COMMISSION_RATE',
      description: expect.any(String),
    });
    const printed = printedJson(await cli.run(['config', 'get', '--json']));
    expect(printed).toMatchObject({
      environment: 'test',
      version: server.deps.version,
      lastUpdated: null,
      settings: SEED_SETTINGS,
    });
  });
});

describe('config.update (seed 004 POST /config)', () => {
  it('validate_only checks and reports but stores and audits nothing', async () => {
    const before = await countRows();
    const answer = await clients
      .withToken(adminToken)
      .config.update.mutate({ ...SEED_UPDATE, validateOnly: true });
    expect(answer).toEqual({
      ...SEED_ANSWER,
      message: 'Configuration is valid; nothing was changed (validate_only)',
    });
    const checked = printedJson(
      await cli.run(['config', 'set', 'risk.max_daily_loss=0.04', '--validate-only', '--json']),
    );
    expect(checked.updatedSettings).toEqual(['risk.max_daily_loss']);
    expect(await countRows()).toEqual(before);
    expect((await clients.withToken(adminToken).config.get.query()).settings).toMatchObject(
      SEED_SETTINGS,
    );
  });

  it('names the key of every bad value and changes nothing', async () => {
    const before = await countRows();
    const admin = clients.withToken(adminToken);
    const bad = await failure(
      admin.config.update.mutate({
        settings: { risk: { stop_loss_percent: 2 }, trading: { nope: 1, base_currency: 'USDT' } },
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(bad.message).toContain('risk.stop_loss_percent: expected at most 1');
    expect(bad.message).toContain('trading.nope: unknown setting');
    const refused = await cli.run(['config', 'set', 'trading.trading_pairs=[]', '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('trading.trading_pairs: expected at least one pair');
    expect(await countRows()).toEqual(before);
  });

  it("stores the seed's update, answers the seed's shape, audits old and new values", async () => {
    const admin = clients.withToken(adminToken);
    expect(await admin.config.update.mutate(SEED_UPDATE)).toEqual(SEED_ANSWER);
    const view = await admin.config.get.query();
    expect(view.settings).toMatchObject({
      trading: { ...SEED_SETTINGS.trading, max_position_size: 0.15 },
      risk: { ...SEED_SETTINGS.risk, stop_loss_percent: 0.025 },
    });
    expect(view.lastUpdated).toBeInstanceOf(Date);
    const [entry] = await admin.admin.audit.list.query({ action: 'config.updated' });
    expect(entry?.metadata).toEqual({
      level: 'system',
      changes: [
        { key: 'trading.max_position_size', old: null, new: 0.15 },
        { key: 'risk.stop_loss_percent', old: null, new: 0.025 },
      ],
    });

    const changed = printedJson(
      await cli.run(['config', 'set', 'trading.max_position_size=0.2', '--json']),
    );
    expect(changed).toEqual({ ...SEED_ANSWER, updatedSettings: ['trading.max_position_size'] });
    const [second] = await admin.admin.audit.list.query({ action: 'config.updated' });
    expect(second?.metadata).toMatchObject({
      changes: [{ key: 'trading.max_position_size', old: 0.15, new: 0.2 }],
    });
  });

  it('says when a restart is needed', async () => {
    const answer = await clients
      .withToken(adminToken)
      .config.update.mutate({ settings: { webhooks: { max_attempts: 3 } } });
    expect(answer).toMatchObject({
      restartRequired: true,
      updatedSettings: ['webhooks.max_attempts'],
    });
  });
});

describe("a user's own trading defaults", () => {
  it("are the caller's own, over the system values; system keys stay admin-only", async () => {
    const trader = clients.withToken(traderToken);
    expect(await failure(trader.config.update.mutate(SEED_UPDATE))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(
      await failure(
        trader.config.updateDefaults.mutate({ settings: { paper: { commission_rate: 0 } } }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('paper.commission_rate'),
    });
    expect(
      await trader.config.updateDefaults.mutate({
        settings: { risk: { default_mode: 'aggressive' } },
      }),
    ).toMatchObject({ success: true, updatedSettings: ['risk.default_mode'] });
    const mine = await trader.config.get.query({ level: 'user' });
    expect(mine.settings.risk).toMatchObject({
      default_mode: 'aggressive',
      stop_loss_percent: 0.025,
    });
    expect(mine.entries.find((entry) => entry.key === 'risk.default_mode')?.source).toBe('user');
    expect(mine.entries.some((entry) => entry.key === 'paper.commission_rate')).toBe(false);
    const admins = await clients.withToken(adminToken).config.get.query({ level: 'user' });
    expect(admins.settings.risk?.default_mode).toBe('balanced');
  });
});

describe('environment variables', () => {
  it('win where set: shown as the source, and the key cannot be changed here', async () => {
    const pinned = await startTestServer({
      environmentVariables: ['PAPER_COMMISSION_RATE'],
      paperCommissionRate: 0.002,
      adminEmail: 'env-root@example.com',
    });
    try {
      const pinnedClients = clientsFor(pinned);
      const root = pinnedClients.withToken(
        (await pinnedClients.register('env-root@example.com')).accessToken,
      );
      const entry = (await root.config.get.query()).entries.find(
        (candidate) => candidate.key === 'paper.commission_rate',
      );
      expect(entry).toMatchObject({ value: 0.002, source: 'environment' });
      const refused = await failure(
        root.config.update.mutate({ settings: { paper: { commission_rate: 0.003 } } }),
      );
      expect(refused.message).toContain(
        'paper.commission_rate: set by the environment variable PAPER_COMMISSION_RATE',
      );
    } finally {
      await pinned.close();
    }
  });
});
