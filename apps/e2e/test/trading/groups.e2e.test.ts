import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, failure, registerUser } from '../support/clients.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;

async function paperAccount(client: TradewindClient, name: string, initialBalance: number) {
  return (await client.accounts.create.mutate({ exchange: 'paper', name, initialBalance }))
    .accountId;
}

beforeAll(async () => {
  server = await startTestServer();
  alice = clientWithToken(server, (await registerUser(server, 'alice-groups')).accessToken);
  bob = clientWithToken(server, (await registerUser(server, 'bob-groups')).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('account groups through the SDK (seed 001 Groups API)', { timeout: 60_000 }, () => {
  let groupId: string;
  let first: string;
  let second: string;
  let third: string;
  let bobsAccount: string;

  it('creates a group of the caller accounts with its risk limits', async () => {
    first = await paperAccount(alice, 'One', 1_000);
    second = await paperAccount(alice, 'Two', 2_000);
    third = await paperAccount(alice, 'Three', 3_000);
    bobsAccount = await paperAccount(bob, 'Bob', 500);
    const group = await alice.groups.create.mutate({
      name: 'Majors',
      description: 'BTC and ETH',
      accounts: [first, second],
      maxDrawdown: 25,
      targetMonthlyRoi: 5,
      riskLimit: 5,
    });
    groupId = group.id;
    expect(group).toMatchObject({
      name: 'Majors',
      description: 'BTC and ETH',
      accounts: [first, second],
      maxDrawdown: 25,
      targetMonthlyRoi: 5,
      riskLimit: 5,
      haltedAt: null,
    });
    const account = await alice.accounts.get.query({ id: first });
    expect(account.accountInfo.groupId).toBe(groupId);
  });

  it('refuses bad input naming the field, and someone else account or group as not found', async () => {
    expect(
      await failure(alice.groups.create.mutate({ name: 'Mixed', accounts: [first, bobsAccount] })),
    ).toMatchObject({ status: 404, message: `accounts: account ${bobsAccount} not found` });
    expect(await alice.groups.list.query()).toMatchObject({ total: 1 });
    expect(await failure(alice.groups.create.mutate({ name: 'Majors' }))).toMatchObject({
      status: 409,
      message: 'name: you already have a group named "Majors"',
    });
    const bad = await failure(alice.groups.create.mutate({ name: 'X', maxDrawdown: 150 }));
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('maxDrawdown');
    for (const call of [
      () => bob.groups.get.query({ id: groupId }),
      () => bob.groups.update.mutate({ id: groupId, description: 'mine now' }),
      () => bob.groups.delete.mutate({ id: groupId }),
      () => bob.groups.addAccount.mutate({ id: groupId, accountId: bobsAccount }),
      () => bob.groups.metrics.query({ id: groupId }),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    expect(
      await failure(
        alice.accounts.create.mutate({
          exchange: 'paper',
          initialBalance: 1,
          groupId: (await bob.groups.create.mutate({ name: 'Bobs' })).id,
        }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it('lists with paging, updates, adds in bulk with per-account results, removes one', async () => {
    await alice.groups.create.mutate({ name: 'Second' });
    const page = await alice.groups.list.query({ offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.groups.map((group) => group.name)).toEqual(['Second']);

    const updated = await alice.groups.update.mutate({ id: groupId, maxDrawdown: 10 });
    expect(updated).toMatchObject({ maxDrawdown: 10, riskLimit: 5, accounts: [first, second] });

    const bulk = await alice.groups.addAccounts.mutate({
      id: groupId,
      accountIds: [third, first, bobsAccount],
    });
    expect(bulk.results).toEqual({
      success: [third],
      failed: [
        { accountId: first, reason: 'already in the group' },
        { accountId: bobsAccount, reason: 'account not found' },
      ],
    });
    expect(bulk.group.accounts).toEqual([first, second, third]);

    const removed = await alice.groups.removeAccount.mutate({ id: groupId, accountId: second });
    expect(removed.accounts).toEqual([first, third]);
    expect(
      await failure(alice.groups.removeAccount.mutate({ id: groupId, accountId: second })),
    ).toMatchObject({ status: 404 });
    const added = await alice.groups.addAccount.mutate({ id: groupId, accountId: second });
    expect(added.accounts).toEqual([first, second, third]);
  });

  it('reports detail, current metrics, performance and history from the accounts', async () => {
    const detail = await alice.groups.get.query({ id: groupId });
    expect(detail.websocketStatus.accounts.map((account) => account.status)).toEqual([
      'connected',
      'connected',
      'connected',
    ]);
    expect(detail.performance).toMatchObject({ endEquity: 6_000, closedPositions: 0 });

    const metrics = await alice.groups.metrics.query({ id: groupId });
    expect(metrics.riskMetrics).toMatchObject({
      equity: 6_000,
      peakEquity: 6_000,
      drawdownPercent: 0,
      maxDrawdown: 10,
      halted: false,
      openPositions: 0,
    });
    expect(metrics.balanceStatus).toMatchObject({ totalBalance: 6_000, totalEquity: 6_000 });
    expect(metrics.websocketHealth).toMatchObject({ connected: 3, total: 3 });

    const today = new Date().toISOString().slice(0, 10);
    const performance = await alice.groups.performance.query({
      id: groupId,
      startDate: '2020-01-01',
      endDate: today,
    });
    expect(performance).toMatchObject({ endEquity: 6_000, maxDrawdownPercent: 0 });
    const history = await alice.groups.history.query({
      id: groupId,
      startDate: '2020-01-01',
      interval: 'month',
    });
    expect(history.interval).toBe('month');
    expect(history.history).toEqual([
      expect.objectContaining({ period: `${today.slice(0, 7)}-01`, endEquity: 6_000 }),
    ]);
    const bad = await failure(
      alice.groups.history.query({ id: groupId, startDate: '2025-02-30x' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('startDate');
  });

  it('deletes the group; its accounts stay, in no group', async () => {
    expect(await alice.groups.delete.mutate({ id: groupId })).toEqual({ groupId });
    expect((await alice.accounts.get.query({ id: first })).accountInfo.groupId).toBeNull();
    expect(await failure(alice.groups.get.query({ id: groupId }))).toMatchObject({ status: 404 });
  });
});
