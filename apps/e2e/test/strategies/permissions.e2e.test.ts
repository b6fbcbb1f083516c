import type { StrategyPermission } from '@tradewind/core';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let root: TradewindClient;

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 10, adminEmail: 'root@example.com' });
  const clients = clientsFor(server);
  const signIn = async (name: string) =>
    clients.withToken((await clients.register(`${name}@example.com`, name)).accessToken);
  alice = await signIn('alice');
  bob = await signIn('bob');
  await signIn('carol');
  root = await signIn('root');
});
afterAll(async () => {
  await server?.close();
});

const PERMISSIONS: StrategyPermission[] = ['read', 'write', 'execute', 'delete', 'share'];

/** Every strategy procedure that acts on one strategy, with the permission it needs. */
const OPERATIONS: Array<{
  name: string;
  needs: StrategyPermission;
  run: (client: TradewindClient, strategyId: number) => Promise<unknown>;
}> = [
  { name: 'get', needs: 'read', run: (c, id) => c.strategies.get.query({ strategyId: id }) },
  {
    name: 'signals',
    needs: 'read',
    run: (c, id) => c.strategies.signals.query({ strategyId: id }),
  },
  {
    name: 'performance',
    needs: 'read',
    run: (c, id) => c.strategies.performance.query({ strategyId: id, period: '7d' }),
  },
  {
    name: 'history',
    needs: 'read',
    run: (c, id) => c.strategies.history.query({ strategyId: id }),
  },
  {
    name: 'update',
    needs: 'write',
    run: (c, id) =>
      c.strategies.update.mutate({ strategyId: id, config: { description: 'changed' } }),
  },
  {
    name: 'start',
    needs: 'execute',
    run: (c, id) => c.strategies.start.mutate({ strategyId: id }),
  },
  { name: 'stop', needs: 'execute', run: (c, id) => c.strategies.stop.mutate({ strategyId: id }) },
  {
    name: 'shares',
    needs: 'share',
    run: (c, id) => c.strategies.shares.query({ strategyId: id }),
  },
  {
    name: 'share',
    needs: 'share',
    run: (c, id) =>
      c.strategies.share.mutate({
        strategyId: id,
        email: 'carol@example.com',
        permissions: ['read'],
      }),
  },
  {
    name: 'unshare',
    needs: 'share',
    run: (c, id) => c.strategies.unshare.mutate({ strategyId: id, email: 'carol@example.com' }),
  },
  {
    name: 'delete',
    needs: 'delete',
    run: (c, id) => c.strategies.delete.mutate({ strategyId: id }),
  },
];

async function aliceStrategy(name: string) {
  return alice.strategies.create.mutate({
    config: {
      name,
      algorithm: 'MovingAverage',
      parameters: { fast: 3, slow: 8 },
      symbols: ['AAPL'],
    },
  });
}

/** What a strategy looks like to its owner, and how much has been written about it. */
async function snapshot(strategyId: number) {
  const prisma = server.deps.db.prisma;
  return {
    strategy: await prisma.strategy.findUnique({ where: { id: strategyId } }),
    events: await prisma.strategyEvent.count({ where: { strategyId } }),
    shares: await prisma.strategyShare.findMany({ where: { strategyId } }),
    bots: await prisma.bot.count(),
  };
}

describe('strategy permissions between two users', () => {
  it('hides a strategy that is not shared: every procedure answers NOT_FOUND, like a missing one', async () => {
    const strategy = await aliceStrategy('Private');
    const before = await snapshot(strategy.id);
    for (const operation of OPERATIONS) {
      const result = await failure(operation.run(bob, strategy.id));
      expect(result, operation.name).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        message: `Strategy ${strategy.id} not found`,
      });
      expect(await failure(operation.run(bob, 999_999)), operation.name).toMatchObject({
        status: 404,
        message: 'Strategy 999999 not found',
      });
    }
    expect((await bob.strategies.list.query()).pagination.total).toBe(0);
    expect((await bob.strategies.categories.query()).every((row) => row.strategies === 0)).toBe(
      true,
    );
    expect(await snapshot(strategy.id)).toEqual(before);
  });

  for (const granted of PERMISSIONS) {
    it(`shared with ${granted} only: exactly the ${granted} procedures (and reading) work`, {
      timeout: 30_000,
    }, async () => {
      const strategy = await aliceStrategy(`Shared ${granted}`);
      const shares = await alice.strategies.share.mutate({
        strategyId: strategy.id,
        email: 'BOB@example.com',
        permissions: [granted],
      });
      const held = PERMISSIONS.filter((p) => p === 'read' || p === granted);
      expect(shares).toMatchObject([{ email: 'bob@example.com', permissions: held }]);
      const listed = await bob.strategies.list.query({ scope: 'shared' });
      // Newest first: this one leads Bob's list of what was shared with him.
      expect(listed.items[0]).toMatchObject({ id: strategy.id, permissions: held });

      const denied = OPERATIONS.filter((op) => !held.includes(op.needs));
      const allowed = OPERATIONS.filter((op) => held.includes(op.needs));
      const before = await snapshot(strategy.id);
      for (const operation of denied) {
        expect(await failure(operation.run(bob, strategy.id)), operation.name).toMatchObject({
          status: 403,
          code: 'PERMISSION_DENIED',
          message: `Strategy ${strategy.id} is shared with you without the ${operation.needs} permission`,
        });
      }
      expect(await snapshot(strategy.id)).toEqual(before);

      for (const operation of allowed) {
        await expect(operation.run(bob, strategy.id), operation.name).resolves.toBeDefined();
      }
      if (granted === 'write') {
        expect((await alice.strategies.get.query({ strategyId: strategy.id })).description).toBe(
          'changed',
        );
      }
      if (granted === 'execute') {
        // Bob started and stopped it; the bot was Alice's, under her active-bot limit.
        const history = await alice.strategies.history.query({ strategyId: strategy.id });
        const started = history.find((event) => event.type === 'started');
        const botId = started?.details.botId as number;
        expect((await alice.bots.get.query({ botId })).status).toBe('COMPLETED');
        expect(await failure(bob.bots.get.query({ botId }))).toMatchObject({ status: 404 });
        const bobId = (await bob.auth.me.query()).id;
        expect(history.filter((event) => event.actorId === bobId).map((e) => e.type)).toEqual([
          'stopped',
          'started',
        ]);
      }
      if (granted === 'delete') {
        expect(
          await failure(alice.strategies.get.query({ strategyId: strategy.id })),
        ).toMatchObject({ status: 404 });
      }
    });
  }

  it('passes on only what the sharer holds; revoking narrows or removes the share', async () => {
    const strategy = await aliceStrategy('Chain');
    await alice.strategies.share.mutate({
      strategyId: strategy.id,
      email: 'bob@example.com',
      permissions: ['share', 'execute'],
    });
    expect(
      await failure(
        bob.strategies.share.mutate({
          strategyId: strategy.id,
          email: 'carol@example.com',
          permissions: ['write'],
        }),
      ),
    ).toMatchObject({ status: 403, message: expect.stringMatching(/cannot share write/) });
    const passed = await bob.strategies.share.mutate({
      strategyId: strategy.id,
      email: 'carol@example.com',
      permissions: ['execute'],
    });
    expect(passed.map((share) => [share.email, share.permissions])).toEqual([
      ['bob@example.com', ['read', 'execute', 'share']],
      ['carol@example.com', ['read', 'execute']],
    ]);

    const narrowed = await alice.strategies.unshare.mutate({
      strategyId: strategy.id,
      email: 'bob@example.com',
      permissions: ['share'],
    });
    expect(narrowed[0]?.permissions).toEqual(['read', 'execute']);
    expect(await failure(bob.strategies.shares.query({ strategyId: strategy.id }))).toMatchObject({
      status: 403,
    });
    await alice.strategies.unshare.mutate({ strategyId: strategy.id, email: 'bob@example.com' });
    expect(await failure(bob.strategies.get.query({ strategyId: strategy.id }))).toMatchObject({
      status: 404,
    });
    const history = await alice.strategies.history.query({ strategyId: strategy.id });
    expect(history.map((event) => event.type)).toEqual([
      'unshared',
      'unshared',
      'shared',
      'shared',
      'created',
    ]);
  });

  it('refuses bad shares with a clear error and changes nothing', async () => {
    const strategy = await aliceStrategy('Bad shares');
    const before = await snapshot(strategy.id);
    const share = (email: string, permissions: StrategyPermission[]) =>
      failure(alice.strategies.share.mutate({ strategyId: strategy.id, email, permissions }));
    expect(await share('nobody@example.com', ['read'])).toMatchObject({
      status: 404,
      message: 'No user with email nobody@example.com',
    });
    expect(await share('alice@example.com', ['read'])).toMatchObject({
      status: 400,
      message: expect.stringMatching(/owns strategy/),
    });
    expect(await share('bob@example.com', [])).toMatchObject({
      status: 400,
      message: expect.stringMatching(/at least one permission/),
    });
    expect(await share('bob@example.com', ['admin' as StrategyPermission])).toMatchObject({
      status: 400,
    });
    expect(
      await failure(
        alice.strategies.unshare.mutate({ strategyId: strategy.id, email: 'bob@example.com' }),
      ),
    ).toMatchObject({ status: 404, message: expect.stringMatching(/is not shared with bob/) });
    expect(await snapshot(strategy.id)).toEqual(before);
  });

  it("lets an admin do everything with anyone's strategy", { timeout: 30_000 }, async () => {
    const strategy = await aliceStrategy('Admin target');
    expect((await root.strategies.list.query()).items.map((item) => item.id)).toContain(
      strategy.id,
    );
    for (const operation of OPERATIONS) {
      await expect(operation.run(root, strategy.id), operation.name).resolves.toBeDefined();
    }
  });
});
