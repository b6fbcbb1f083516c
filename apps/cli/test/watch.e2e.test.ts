import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientWithToken,
  cliHome,
  oneLineFailure,
  registerUser,
  removeCliHomes,
} from './support/cli-fixtures.ts';
import type { Run } from './support/run-tradewind.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 20 });
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('tradewind watch', () => {
  it("follows the operator's bot live: human lines, --json lines, --bot and --type filters, --since replay, --stats; Ctrl-C exits 0", async () => {
    const user = await registerUser(server, 'watcher');
    const cli = await cliHome();
    expect((await cli.login(server, user)).code).toBe(0);
    const url = ['--url', server.url];
    const human = cli.start([...url, 'watch']);
    const json = cli.start([...url, 'watch', '--json']);
    const tradesOnly = cli.start([...url, 'watch', '--json', '--type', 'trade.executed']);
    const streams = () => server.deps.realtime.connections.stats().connectionsByTransport.trpc;
    await eventually(() => streams() === 3, 'the three feeds to be subscribed');
    // --stats reports them (one process-wide view, as /websocket/stats).
    const stats = await cli.run([...url, 'watch', '--stats', '--json']);
    expect(JSON.parse(stats.stdout).connectionsByTransport).toMatchObject({ trpc: 3 });
    expect((await cli.run([...url, 'watch', '--stats'])).stdout).toMatch(
      /Connections\s+│ 3 \(gateway 0, SSE 0, tRPC 3\)/,
    );

    const client = clientWithToken(server, user.tokens.accessToken);
    const bot = await client.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
      params: { fast: 2, slow: 4 },
    });
    const forBot = cli.start([...url, 'watch', '--json', '--bot', String(bot.id)]);
    const lines = (text: string) => text.split('\n').filter(Boolean);
    await eventually(
      () => lines(json.stdout).filter((line) => line.includes('trade.executed')).length >= 2,
      'two trades in the JSON feed',
    );
    await eventually(() => forBot.stdout.includes('trade.executed'), 'a trade in the --bot feed');
    await client.bots.stop.mutate({ botId: bot.id });
    await eventually(() => json.stdout.includes('bot.finished'), 'bot.finished');
    await eventually(() => human.stdout.includes('bot.finished'), 'bot.finished (human)');
    await eventually(() => forBot.stdout.includes('bot.finished'), 'bot.finished (--bot)');
    for (const running of [human, json, tradesOnly, forBot]) running.kill('SIGINT');
    const [humanRun, jsonRun, tradesRun, botRun] = (await Promise.all(
      [human, json, tradesOnly, forBot].map((running) => running.done),
    )) as [Run, Run, Run, Run];
    for (const run of [humanRun, jsonRun, tradesRun, botRun]) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
    }

    const events = lines(jsonRun.stdout).map((line) => JSON.parse(line));
    const expected = await server.deps.db.prisma.outboxEvent.findMany({
      where: { botId: bot.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.id, event.type])).toEqual(
      expected.map((row) => [row.id.toString(), row.type]),
    );
    expect(lines(humanRun.stdout)[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+bot ${bot.id}\\s+bot\\.started\\s+MovingAverage AAPL$`,
      ),
    );
    expect(humanRun.stdout).toMatch(
      new RegExp(`bot ${bot.id}\\s+trade\\.executed\\s+(BUY|SELL) \\d`),
    );
    const trades = lines(tradesRun.stdout).map((line) => JSON.parse(line));
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.every((event) => event.type === 'trade.executed')).toBe(true);
    // Started after bot.started was published: the --bot feed joins live, from later events on.
    expect(lines(botRun.stdout).map((line) => JSON.parse(line).botId)).toEqual(
      lines(botRun.stdout).map(() => bot.id),
    );

    // --since replays what came after an event id, then keeps following.
    const since = cli.start([...url, 'watch', '--json', '--since', String(events[0].id)]);
    await eventually(
      () => since.stdout.includes('bot.finished'),
      'the replay to reach bot.finished',
    );
    since.kill('SIGINT');
    const sinceRun = await since.done;
    expect(lines(sinceRun.stdout).map((line) => JSON.parse(line).id)).toEqual(
      events.slice(1).map((event) => event.id),
    );
  }, 90_000);

  it('refuses a bot that is not the operator’s, with the server’s message, and an unknown --type', async () => {
    const owner = await registerUser(server, 'owner');
    const other = await registerUser(server, 'other');
    const bot = await clientWithToken(server, owner.tokens.accessToken).bots.create.mutate({
      initialCash: 1_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
    });
    const cli = await cliHome();
    expect((await cli.login(server, other)).code).toBe(0);
    const run = await cli.run(['--url', server.url, 'watch', '--bot', String(bot.id)]);
    expect(oneLineFailure(run)).toMatch(new RegExp(`Bot ${bot.id} not found`));
    const badType = await cli.run([
      '--url',
      server.url,
      'watch',
      '--type',
      'trade.executed',
      'nope',
    ]);
    expect(oneLineFailure(badType)).toMatch(
      /--type: unknown event type "nope" \(expected one of bot\.started, /,
    );
  });
});
