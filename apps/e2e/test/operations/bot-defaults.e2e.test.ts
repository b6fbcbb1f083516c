/**
 * The runtime reads the stored settings (issue 18 item 1): a new bot's risk mode and guards come
 * from the owner's effective settings (their own default over the system's over the mode's), a
 * change is read by the next bot without a restart, and what a create request names still wins.
 * Through the SDK and the `tradewind` binary.
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { type OperatorCli, operatorCli, printedJson } from './operator-cli.ts';

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let adminToken: string;
let traderToken: string;
let cli: OperatorCli;

const BOT = { initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };

/** The risk guards stored on a bot's row: what its runner resolves its guards from. */
const storedRisk = async (botId: number) =>
  (await server.deps.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } })).risk;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'defaults-root@example.com' });
  clients = clientsFor(server);
  adminToken = (await clients.register('defaults-root@example.com')).accessToken;
  traderToken = (await clients.register('defaults-trader@example.com')).accessToken;
  const traderKey = (
    await clients
      .withToken(traderToken)
      .apiKeys.create.mutate({ name: 'cli', scopes: ['READ_ONLY', 'CONTROL'] })
  ).key;
  cli = await operatorCli(server.url, traderKey);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
});

describe('new bots take their defaults from the stored runtime settings', () => {
  it('before any change: balanced, and no guard stored beyond the mode', async () => {
    const trader = clients.withToken(traderToken);
    const bot = await trader.bots.create.mutate(BOT);
    expect(bot.riskMode).toBe('balanced');
    expect(await storedRisk(bot.id)).toEqual({});
    await trader.bots.stop.mutate({ botId: bot.id });
  });

  it("system values, then the user's own, then the request, each over the one before", async () => {
    const admin = clients.withToken(adminToken);
    const trader = clients.withToken(traderToken);
    await admin.config.update.mutate({
      settings: { risk: { default_mode: 'conservative', stop_loss_percent: 0.04 } },
    });
    await trader.config.updateDefaults.mutate({
      settings: { trading: { max_position_size: 0.2 }, risk: { max_daily_loss: 0.07 } },
    });
    const bot = await trader.bots.create.mutate(BOT);
    expect(bot.riskMode).toBe('conservative');
    expect(await storedRisk(bot.id)).toEqual({
      stopLossPercent: 4,
      maxPositionPercent: 20,
      maxDailyLossPercent: 7,
    });
    await trader.bots.stop.mutate({ botId: bot.id });

    const named = await trader.bots.create.mutate({
      ...BOT,
      riskMode: 'aggressive',
      risk: { stopLossPercent: 6 },
    });
    expect(named.riskMode).toBe('aggressive');
    expect(await storedRisk(named.id)).toEqual({
      stopLossPercent: 6,
      maxPositionPercent: 20,
      maxDailyLossPercent: 7,
    });
    await trader.bots.stop.mutate({ botId: named.id });
  });

  it('a later change is read by the next bot at once (the CLI without --risk-mode)', async () => {
    await clients
      .withToken(adminToken)
      .config.update.mutate({ settings: { risk: { default_mode: 'aggressive' } } });
    const bot = printedJson(
      await cli.run([
        'bots',
        'start',
        '--strategy',
        'MovingAverage',
        '--symbols',
        'AAPL',
        '--cash',
        '5000',
        '--json',
      ]),
    );
    expect(bot.riskMode).toBe('aggressive');
    expect(await storedRisk(bot.id)).toMatchObject({ stopLossPercent: 4, maxPositionPercent: 20 });
    await clients.withToken(traderToken).bots.stop.mutate({ botId: bot.id });
  });
});
