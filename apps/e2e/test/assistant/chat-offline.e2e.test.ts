import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let alphaId: number;
let betaId: number;
let gammaId: number;

/** Money as a person reads it in an answer, computed here independently of the server. */
const usd = (value: number) =>
  `${value < 0 ? '-' : ''}USD ${Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

const create = (name: string) =>
  alice.bots.create.mutate({
    name,
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: { fast: 2, slow: 4 },
  });

const ask = (client: TradewindClient, message: string) => client.chat.message.mutate({ message });

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 5 });
  const clients = clientsFor(server);
  const aliceSession = await clients.register('alice@example.com', 'Alice');
  alice = clients.withToken(aliceSession.accessToken);
  bob = clients.withToken((await clients.register('bob@example.com', 'Bob')).accessToken);
  await server.deps.db.prisma.user.updateMany({ data: { activeBotLimit: 10 } });
  alphaId = (await create('Alpha')).id;
  betaId = (await create('Beta')).id;
  await bob.bots.create.mutate({
    name: 'Zeta Secret',
    initialCash: 10_000,
    symbols: ['MSFT'],
    strategy: 'MovingAverage',
  });
  // Both of Alice's bots have closed trades; then they stop, so their figures hold still (a
  // paused bot's open positions would still move with the market).
  await until(
    () => alice.bots.list.query(),
    (bots) => bots.every((bot) => bot.totalTrades >= 2),
    60_000,
  );
  await alice.bots.stop.mutate({ botId: betaId });
  await alice.bots.stop.mutate({ botId: alphaId });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('the assistant, offline, through the SDK', () => {
  it('answers the portfolio with the figures of performance.overview and system.tradingStatus', async () => {
    const reply = await ask(alice, 'how are my bots?');
    const overview = await alice.performance.overview.query();
    const trading = await alice.system.tradingStatus.query();
    const { trades } = await alice.trades.list.query({ limit: 1000 });
    const week = trades.reduce((sum, trade) => sum + (trade.pnl ?? 0), 0);
    expect(reply).toMatchObject({
      success: true,
      engine: 'offline',
      requiresConfirmation: false,
      actions: [],
    });
    expect(reply.response).toContain(`Capital: ${usd(overview.totalCapital)}`);
    expect(reply.response).toContain(`P&L today: ${usd(trading.dailyPnl)} realized`);
    expect(reply.response).toContain(`this week: ${usd(week)} realized`);
    expect(reply.response).toContain(`all time: ${usd(overview.totalProfit)}`);
    expect(reply.response).toContain(`You have ${overview.activeBots} active bot`);
  });

  it("answers a bot's state and recent trades with the figures of bots.get", async () => {
    const reply = await ask(alice, 'how is alpah doing?');
    const alpha = await alice.bots.get.query({ botId: alphaId });
    expect(reply.response).toContain(`Alpha (#${alphaId}) is COMPLETED`);
    expect(reply.response).toContain(`Equity ${usd(alpha.equity)} from ${usd(alpha.initialCash)}`);
    expect(reply.response).toContain(`realized P&L ${usd(alpha.totalPnl)}`);
    const last = alpha.trades.at(-1);
    expect(reply.response).toContain(`${last?.action} ${last?.quantity} AAPL @ ${last?.price}`);
  });

  it('names the best and the worst bot by total return', async () => {
    const bots = await alice.bots.list.query();
    const ranked = [...bots].sort(
      (a, b) => b.equity / b.initialCash - a.equity / a.initialCash || a.id - b.id,
    );
    const [best, worst] = [ranked[0], ranked.at(-1)];
    const performance = await alice.performance.bot.query({ botId: best?.id ?? 0 });
    const reply = await ask(alice, 'which is my best bot?');
    expect(reply.response).toContain(`Your best bot is ${best?.name} (#${best?.id})`);
    expect(reply.response).toContain(`(P&L ${usd(performance.pnl)})`);
    expect(reply.response).toContain(`Your worst is ${worst?.name} (#${worst?.id})`);
  });

  it('says why a bot stopped or paused', async () => {
    expect((await ask(alice, 'why did beta stop?')).response).toMatch(
      new RegExp(`^Beta \\(#${betaId}\\) was stopped on request`),
    );
    gammaId = (await create('Gamma')).id;
    await alice.bots.pause.mutate({ botId: gammaId });
    expect((await ask(alice, 'why is gamma paused')).response).toMatch(
      new RegExp(`^Gamma \\(#${gammaId}\\) was paused on request`),
    );
    expect((await ask(alice, 'why did gama stop?')).response).toMatch(/^Gamma/);
  });

  it('answers positions, alerts and backtests from their services', async () => {
    expect((await ask(alice, 'what are my open positions')).response).toMatch(
      /^(You have no open positions\.|Open positions:\n)/,
    );
    expect((await ask(alice, 'any alerts?')).response).toBe('No alerts.');
    expect((await ask(alice, 'show backtest results')).response).toBe('You have no backtests yet.');
  });

  it("lists the caller's bots for an unknown name and never mentions another user's bot", async () => {
    const unknown = await ask(alice, 'how is nosuchbot doing?');
    expect(unknown.response).toBe(
      `I couldn't find that bot among yours. Your bots: Gamma (#${gammaId}), Beta (#${betaId}), Alpha (#${alphaId}).`,
    );
    const bobsBots = await bob.bots.list.query();
    const zeta = bobsBots[0];
    for (const message of [
      'how is zeta secret doing?',
      `why did bot #${zeta?.id} stop?`,
      'stop zeta secret',
    ]) {
      const reply = await ask(alice, message);
      expect(reply.response).toBe(unknown.response);
      expect(reply.actions).toEqual([]);
    }
    expect((await bob.bots.get.query({ botId: zeta?.id ?? 0 })).status).toBe('ACTIVE');
  });

  it('refuses an empty or a 10 kB message, naming the field, and stores nothing', async () => {
    const before = await alice.chat.history.query({ limit: 500 });
    for (const message of ['', '   ', 'x'.repeat(10_240)]) {
      const refused = await failure(ask(alice, message));
      expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
      expect(refused.message).toMatch(/message/);
    }
    expect(await alice.chat.history.query({ limit: 500 })).toEqual(before);
  });

  it('keeps each user their own history, newest last, limited and cleared', async () => {
    await bob.chat.clear.mutate();
    await ask(bob, 'hello');
    await ask(bob, 'help');
    const history = await bob.chat.history.query();
    expect(history.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(history.messages[0]?.content).toBe('hello');
    expect(history.messages[2]?.content).toBe('help');
    expect((await bob.chat.history.query({ limit: 1 })).messages).toEqual([history.messages[3]]);
    const mine = await alice.chat.history.query({ limit: 500 });
    expect(mine.messages.some((message) => message.content === 'hello')).toBe(false);
    expect(await bob.chat.clear.mutate()).toEqual({
      success: true,
      message: 'Chat history cleared',
    });
    expect((await bob.chat.history.query()).messages).toEqual([]);
    expect((await alice.chat.history.query()).messages.length).toBeGreaterThan(0);
    expect((await alice.chat.history.query()).messages.length).toBeLessThanOrEqual(50);
  });

  it("greets by first name with a report of the last 24 hours' trades and stops", async () => {
    const greeting = await alice.chat.greeting.mutate();
    const { trades, total } = await alice.trades.list.query({ limit: 1000 });
    const realized = trades.reduce((sum, trade) => sum + (trade.pnl ?? 0), 0);
    expect(greeting.greeting).toBe('Welcome back, Alice!');
    expect(greeting.dailyReport.summary).toBe(
      `In the last 24 hours your bots made ${total} trades and realized ${usd(realized)}; 1 of your 3 bots is running.`,
    );
    expect(greeting.dailyReport.highlights).toContain('Beta was stopped on request');
    expect(greeting.dailyReport.highlights).toContain('Alpha was stopped on request');
    expect(greeting.dailyReport.highlights).toContain('Gamma was paused on request');
    expect((await bob.chat.greeting.mutate()).greeting).toBe('Welcome back, Bob!');
  });
});

describe('actions behind confirmation tokens', () => {
  it('changes nothing until confirmed; a token works once, for its user only', async () => {
    const proposal = await ask(alice, 'please resume gamma');
    expect(proposal.requiresConfirmation).toBe(true);
    expect(proposal.actions).toHaveLength(1);
    const [action] = proposal.actions;
    expect(action).toMatchObject({ type: 'resume_bot', description: `resume Gamma (#${gammaId})` });
    expect((await alice.bots.get.query({ botId: gammaId })).status).toBe('PAUSED');

    const token = action?.token ?? '';
    expect(await failure(bob.chat.confirm.mutate({ token }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await alice.bots.get.query({ botId: gammaId })).status).toBe('PAUSED');

    const done = await alice.chat.confirm.mutate({ token });
    expect(done).toMatchObject({ success: true, type: 'resume_bot', botIds: [gammaId] });
    expect((await alice.bots.get.query({ botId: gammaId })).status).toBe('ACTIVE');
    expect(await failure(alice.chat.confirm.mutate({ token }))).toMatchObject({
      code: 'CONFLICT',
      message: 'token: this confirmation was already used',
    });
    expect(await failure(alice.chat.confirm.mutate({ token: 'twc_made-up' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an expired token', async () => {
    const [action] = (await ask(alice, 'pause gamma')).actions;
    await server.deps.db.prisma.chatConfirmation.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await failure(alice.chat.confirm.mutate({ token: action?.token ?? '' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'token: this confirmation has expired; ask again',
    });
    expect((await alice.bots.get.query({ botId: gammaId })).status).toBe('ACTIVE');
  });

  it('never lets a read-only key act: no token offered, and a token it holds is refused', async () => {
    const { key } = await alice.apiKeys.create.mutate({ name: 'ro', scopes: ['READ_ONLY'] });
    const readOnly = clientsFor(server).withApiKey(key);
    const refused = await ask(readOnly, 'pause gamma');
    expect(refused).toMatchObject({ requiresConfirmation: false, actions: [] });
    expect(refused.response).toBe("You can't do that: it needs the bots:control permission.");
    const [action] = (await ask(alice, 'pause gamma')).actions;
    expect(
      await failure(readOnly.chat.confirm.mutate({ token: action?.token ?? '' })),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect((await alice.bots.get.query({ botId: gammaId })).status).toBe('ACTIVE');
  });

  it('starts a bot from a template with cash and symbols once confirmed', async () => {
    const reply = await ask(alice, 'launch golden cross with $5,000 on SPY');
    const [action] = reply.actions;
    expect(action?.description).toBe(
      'start a paper bot running the Golden cross template (MovingAverage) with fast 50, slow 200 on SPY with USD 5,000.00',
    );
    const before = await alice.bots.list.query();
    const done = await alice.chat.confirm.mutate({ token: action?.token ?? '' });
    const created = await alice.bots.get.query({ botId: done.botIds[0] ?? 0 });
    expect(created).toMatchObject({
      strategy: 'MovingAverage',
      params: { fast: 50, slow: 200 },
      symbols: ['SPY'],
      initialCash: 5000,
      timeframe: '1d',
    });
    expect((await alice.bots.list.query()).length).toBe(before.length + 1);
  });

  it('stops all running bots with one confirmation', async () => {
    const reply = await ask(alice, 'stop everything');
    const [action] = reply.actions;
    expect(action?.type).toBe('stop_all_bots');
    const running = (await alice.bots.list.query()).filter((bot) => bot.status === 'ACTIVE');
    expect(running.length).toBeGreaterThanOrEqual(2);
    const done = await alice.chat.confirm.mutate({ token: action?.token ?? '' });
    expect([...done.botIds].sort()).toEqual(running.map((bot) => bot.id).sort());
    const after = await alice.bots.list.query();
    expect(after.every((bot) => bot.status === 'COMPLETED')).toBe(true);
    // Bob's bot is untouched.
    expect((await bob.bots.list.query())[0]?.status).toBe('ACTIVE');
  });
});
