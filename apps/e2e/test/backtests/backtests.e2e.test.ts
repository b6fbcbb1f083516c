import type { BacktestProgress, BacktestRisk, BacktestRunInput } from '@tradewind/core';
import { parseOhlcv, runBacktest } from '@tradewind/engine';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { readOhlcv } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

const NVDA_CSV = readOhlcv('nvda-1999-2014.txt');
// Five years of daily bars: 2005-01-03 .. 2009-12-31, 1,259 bars.
const FIVE_YEARS = { start: '2005-01-01T00:00:00Z', end: '2009-12-31T23:59:59Z' } as const;

let server: RunningServer;
let aliceToken: string;
let bobToken: string;
let alice: TradewindClient;
let bob: TradewindClient;

beforeAll(async () => {
  server = await startTestServer({
    // A pause per 1 % of bars makes a 5-year daily backtest last about two seconds, long enough
    // to watch its progress and cancel it midway.
    backtests: {
      ...loadConfig({ NODE_ENV: 'test' }).backtests,
      stepDelayMs: 20,
      progressIntervalMs: 50,
    },
  });
  const clients = clientsFor(server);
  aliceToken = (await clients.register('alice@example.com', 'Alice')).accessToken;
  alice = clients.withToken(aliceToken);
  bobToken = (await clients.register('bob@example.com', 'Bob')).accessToken;
  bob = clients.withToken(bobToken);
  await alice.market.import.mutate({ symbol: 'NVDA', timeframe: '1d', csv: NVDA_CSV });
  // Imports are their importer's own: bob backtests on his copy.
  await bob.market.import.mutate({ symbol: 'NVDA', timeframe: '1d', csv: NVDA_CSV });
});
afterAll(async () => {
  await server?.close();
});

const sma = { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } } as const;
const nvdaFiveYears = {
  name: 'NVDA SMA 10/30',
  strategy: sma,
  data: { source: 'candles', symbols: ['NVDA'], timeframe: '1d', ...FIVE_YEARS },
  initialCapital: 10_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
  periodsPerYear: 252,
} satisfies BacktestRunInput;

/** `nvdaFiveYears` run by the in-process engine on the same bars (with risk rules if given). */
function nvdaLocally(risk?: BacktestRisk) {
  const bars = parseOhlcv(NVDA_CSV).filter(
    (bar) => bar.time >= Date.parse(FIVE_YEARS.start) && bar.time <= Date.parse(FIVE_YEARS.end),
  );
  return runBacktest({
    bars: { NVDA: bars },
    strategy: { name: 'MovingAverage', params: { fast: 10, slow: 30 } },
    initialCash: 10_000,
    commission: 0.001,
    sizing: { type: 'fixed', quantity: 100 },
    periodsPerYear: 252,
    ...(risk && { risk }),
  });
}

/** Streams a job's progress through the SDK over `transport` until the job ends. */
function watch(transport: 'websocket' | 'sse', backtestId: number, token = aliceToken) {
  const client = createTradewindClient({
    url: server.url,
    subscriptions: transport,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const seen: BacktestProgress[] = [];
  let onEvent = (_progress: BacktestProgress) => {};
  const ended = new Promise<void>((resolve, reject) => {
    const subscription = client.backtests.progress.subscribe(
      { backtestId },
      {
        onData: (progress) => {
          seen.push(progress);
          onEvent(progress);
          if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(progress.status)) {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
  });
  return {
    seen,
    ended,
    onProgress: (listener: (progress: BacktestProgress) => void) => {
      onEvent = listener;
    },
  };
}

const finished = (backtestId: number, client = alice) =>
  until(
    () => client.backtests.get.query({ backtestId }),
    (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
    30_000,
  );

const counts = async () => ({
  backtests: await server.deps.db.prisma.backtest.count(),
  records: await server.deps.db.prisma.performanceRecord.count(),
});

describe('backtests as server jobs through the SDK', () => {
  it('runs 5 years of daily bars in the background, streams progress, stores the result', async () => {
    // The jobs' events on the realtime stream every client can follow.
    const realtime = createTradewindClient({
      url: server.url,
      subscriptions: 'websocket',
      headers: () => ({ authorization: `Bearer ${aliceToken}` }),
    });
    const events: { type: string; payload: Record<string, unknown> }[] = [];
    const feed = realtime.realtime.events.subscribe(
      { types: ['backtest.progress', 'backtest.finished'] },
      { onData: (tracked) => events.push(tracked.data) },
    );
    const queued = await alice.backtests.run.mutate(nvdaFiveYears);
    expect(queued).toMatchObject({ kind: 'backtest', name: 'NVDA SMA 10/30', metrics: null });
    const stream = watch('websocket', queued.id);
    await stream.ended;
    const ofJob = await until(
      async () => events.filter((event) => event.payload.backtestId === queued.id),
      (seen) => seen.some((event) => event.type === 'backtest.finished'),
    );
    feed.unsubscribe();
    expect(ofJob.filter((event) => event.type === 'backtest.progress').length).toBeGreaterThan(3);
    expect(ofJob.at(-1)).toMatchObject({
      type: 'backtest.finished',
      payload: { status: 'COMPLETED', barsDone: 1259 },
    });
    const running = stream.seen.filter((progress) => progress.status === 'RUNNING');
    expect(running.length).toBeGreaterThan(3);
    const percents = running.map((progress) => progress.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(stream.seen.at(-1)).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      barsDone: 1259,
      totalBars: 1259,
    });

    const job = await alice.backtests.get.query({ backtestId: queued.id });
    // Same inputs, same answer: the in-process engine on the same bars.
    const local = nvdaLocally();
    expect(job.status).toBe('COMPLETED');
    expect(job.metrics?.finalEquity).toBe(local.metrics.finalEquity);
    expect(job.metrics?.totalTrades).toBe(local.closedTrades.length);
    expect(job.metrics).toEqual(local.metrics);
    expect(local.closedTrades.length).toBeGreaterThan(10);
    expect(job.result?.trades).toHaveLength(local.closedTrades.length);
    expect(job.result?.equityCurve.equity.at(-1)).toBe(local.metrics.finalEquity);
    // 1,259 points in runs of two: 630, within the 1,000-point budget.
    expect(job.result?.equityCurve.times).toHaveLength(630);
    expect(Math.max(...(job.result?.drawdownCurve ?? []))).toBeCloseTo(
      local.metrics.maxDrawdown,
      12,
    );
    expect(job.result?.monteCarlo).toBeNull();

    // Its PerformanceRecord, as the performance API shows it.
    expect(job.performanceRecordId).not.toBeNull();
    const records = await alice.performance.records.query({ limit: 10 });
    const record = records.find((row) => row.id === job.performanceRecordId);
    expect(record).toMatchObject({
      executionType: 'BACKTEST',
      strategyName: 'MovingAverage',
      symbols: ['NVDA'],
      totalTrades: local.closedTrades.length,
      finalCapital: expect.closeTo(local.metrics.finalEquity, 6),
    });
    expect(record?.startDate.slice(0, 10)).toBe('2005-01-03');
  });

  it('cancels a running backtest midway: CANCELLED, no result, no record', async () => {
    const before = await server.deps.db.prisma.performanceRecord.count();
    const queued = await alice.backtests.run.mutate(nvdaFiveYears);
    const stream = watch('sse', queued.id);
    let cancelled: Promise<unknown> | undefined;
    stream.onProgress((progress) => {
      if (cancelled === undefined && progress.status === 'RUNNING' && progress.progress >= 10) {
        cancelled = alice.backtests.cancel.mutate({ backtestId: queued.id });
      }
    });
    await stream.ended;
    await cancelled;
    const last = stream.seen.at(-1);
    expect(last?.status).toBe('CANCELLED');
    const job = await alice.backtests.get.query({ backtestId: queued.id });
    expect(job).toMatchObject({ status: 'CANCELLED', result: null, metrics: null });
    expect(job.performanceRecordId).toBeNull();
    expect(job.barsDone).toBeGreaterThan(0);
    expect(job.barsDone).toBeLessThan(1259);
    expect(await server.deps.db.prisma.performanceRecord.count()).toBe(before);
    // Cancelling again changes nothing; a completed job cannot be cancelled.
    expect((await alice.backtests.cancel.mutate({ backtestId: queued.id })).status).toBe(
      'CANCELLED',
    );
  });

  it('applies risk rules (fractions) exactly as the engine does, and names a bad one', async () => {
    const risk = { stopLoss: 0.05, cooldownBars: 5, maxDrawdown: 0.05 };
    const queued = await alice.backtests.run.mutate({ ...nvdaFiveYears, risk });
    const job = await until(
      () => alice.backtests.get.query({ backtestId: queued.id }),
      (seen) => seen.status === 'COMPLETED',
      60_000,
    );
    const local = nvdaLocally(risk);
    const rules = new Set(local.riskEvents.map((event) => event.rule));
    expect(rules).toEqual(new Set(['stop_loss', 'max_drawdown']));
    expect(local.fills).not.toEqual(nvdaLocally().fills);
    expect(job.metrics).toEqual(local.metrics);
    expect(job.result?.fills).toBe(local.fills.length);
    expect(job.result?.riskEvents).toEqual(local.riskEvents);
    const refused = await failure(
      alice.backtests.run.mutate({ ...nvdaFiveYears, risk: { stopLoss: 5 } }),
    );
    expect(refused.code).toBe('VALIDATION_ERROR');
    expect(refused.message).toMatch(/at risk\.stopLoss/);
  });

  it('Monte Carlo: same seed, same answer; another seed, other bands', async () => {
    const input = (seed: number) => ({
      ...nvdaFiveYears,
      includeMonteCarlo: true,
      monteCarloRuns: 500,
      seed,
    });
    const ids = [
      (await alice.backtests.run.mutate(input(7))).id,
      (await alice.backtests.run.mutate(input(7))).id,
      (await alice.backtests.run.mutate(input(8))).id,
    ];
    const [first, again, other] = await Promise.all(ids.map((id) => finished(id)));
    expect(first?.status).toBe('COMPLETED');
    const bands = first?.result?.monteCarlo;
    expect(bands).toMatchObject({ runs: 500, seed: 7 });
    expect(bands?.finalEquity.p5).toBeLessThan(bands?.finalEquity.p95 ?? 0);
    expect(again?.result?.monteCarlo).toEqual(bands);
    expect(other?.result?.monteCarlo?.finalEquity).not.toEqual(bands?.finalEquity);
  });

  it('runs ensembles, comparisons and walk-forward on the simulator', async () => {
    const simulator = {
      source: 'simulator' as const,
      symbols: ['SIM'],
      timeframe: '1d' as const,
      start: '2020-01-01T00:00:00Z',
      end: '2022-12-31T00:00:00Z',
    };
    const ensemble = await alice.backtests.run.mutate({
      strategy: {
        type: 'ensemble',
        members: [
          { strategy: sma, weight: 0.6 },
          { strategy: { type: 'builtin', name: 'Momentum' }, weight: 0.4 },
        ],
        rebalance: 'monthly',
        riskManagement: { stopLoss: 0.1 },
      },
      data: simulator,
      includeMonteCarlo: true,
    });
    const compare = await alice.backtests.compare.mutate({
      strategies: [
        sma,
        { type: 'builtin', name: 'Momentum' },
        { type: 'builtin', name: 'Breakout' },
      ],
      data: simulator,
      metrics: ['sharpeRatio', 'totalReturn'],
    });
    const walk = await alice.backtests.run.mutate({
      strategy: sma,
      data: simulator,
      walkForward: true,
      walkForwardWindow: 200,
      walkForwardGrid: { fast: [5, 10], slow: [30, 50] },
    });
    const [e, c, w] = await Promise.all(
      [ensemble.id, compare.id, walk.id].map((id) => finished(id)),
    );

    expect(e).toMatchObject({ status: 'COMPLETED', kind: 'ensemble' });
    expect(e?.result?.ensemble?.members.map((member) => member.weight)).toEqual([0.6, 0.4]);
    expect(e?.result?.ensemble?.rebalance).toBe('monthly');
    expect(e?.result?.monteCarlo?.runs).toBe(1000);
    expect(e?.performanceRecordId).not.toBeNull();

    expect(c).toMatchObject({ status: 'COMPLETED', kind: 'compare', performanceRecordId: null });
    const entries = c?.result?.comparison?.entries ?? [];
    expect(entries.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    expect(c?.result?.comparison?.rankBy).toBe('sharpeRatio');
    const sharpes = entries.map((entry) => entry.values.sharpeRatio ?? Number.NEGATIVE_INFINITY);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));

    expect(w?.status).toBe('COMPLETED');
    const windows = w?.result?.walkForward?.windows ?? [];
    expect(windows.length).toBeGreaterThan(2);
    expect(w?.result?.walkForward).toMatchObject({ window: 200, combinations: 4 });
  });

  it('refuses bad input with a clear error naming the problem, and writes nothing', async () => {
    const before = await counts();
    const eleven = Array.from({ length: 11 }, () => sma);
    const csv =
      'date,open,high,low,close,volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,2,oops,1.5,100\n';
    // Thunks, so each call starts only when awaited (no rejection is left unhandled).
    const cases: [() => Promise<unknown>, RegExp][] = [
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            data: {
              ...nvdaFiveYears.data,
              start: '2010-01-01T00:00:00Z',
              end: '2009-01-01T00:00:00Z',
            },
          }),
        /end \(2009-01-01T00:00:00Z\) is before start \(2010-01-01T00:00:00Z\)/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            strategy: {
              type: 'ensemble',
              members: [
                { strategy: sma, weight: 0.5 },
                { strategy: sma, weight: 0.4 },
              ],
            },
          }),
        /weights must sum to 1 \(they sum to 0.9\)/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            strategy: { type: 'builtin', name: 'Nope' },
          }),
        /strategy: Unknown strategy "Nope"/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            strategy: { ...sma, params: { fast: 50, slow: 10 } },
          }),
        /strategy: .*fast/,
      ],
      [
        () => alice.backtests.compare.mutate({ strategies: eleven, data: nvdaFiveYears.data }),
        /compare takes 2 to 10 strategies/,
      ],
      [
        () => alice.backtests.compare.mutate({ strategies: [sma], data: nvdaFiveYears.data }),
        /compare takes 2 to 10 strategies/,
      ],
      [
        () =>
          alice.backtests.run.mutate({ strategy: sma, data: { source: 'csv', symbol: 'X', csv } }),
        /data\.csv: line 3/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            data: { ...nvdaFiveYears.data, symbols: ['NOPE'] },
          }),
        /no stored 1d candles of NOPE/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            strategy: sma,
            data: {
              source: 'simulator',
              symbols: ['SIM'],
              start: '2019-01-01T00:00:00Z',
              end: '2019-06-01T00:00:00Z',
            },
          }),
        /data\.start: the simulator's bars begin at 2020-01-01/,
      ],
      [
        () =>
          alice.backtests.run.mutate({
            ...nvdaFiveYears,
            walkForward: true,
            strategy: {
              type: 'ensemble',
              members: [
                { strategy: sma, weight: 0.5 },
                { strategy: sma, weight: 0.5 },
              ],
            },
          }),
        /walk-forward runs a single strategy/,
      ],
    ];
    for (const [call, message] of cases) {
      const result = await failure(call());
      expect(result, String(message)).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
      expect(result.message).toMatch(message);
    }
    // Alone, not batched with the others: just under the server's 1 MiB body limit.
    const oversized = `date,open,high,low,close,volume\n${'2020-01-01,1,2,0.5,1.5,100\n'.repeat(36_000)}`;
    const tooLarge = await failure(
      alice.backtests.run.mutate({
        strategy: sma,
        data: { source: 'csv', symbol: 'X', csv: oversized },
      }),
    );
    expect(tooLarge).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(tooLarge.message).toMatch(/larger than 900 kB[\s\S]*at data\.csv/);
    expect(await counts()).toEqual(before);
  });

  it('keeps each job its owner’s, and saved strategies need the execute permission', async () => {
    const job = await alice.backtests.run.mutate(nvdaFiveYears);
    // One call at a time: a second rejection waiting in the array would go unhandled meanwhile.
    for (const call of [
      () => bob.backtests.get.query({ backtestId: job.id }),
      () => bob.backtests.cancel.mutate({ backtestId: job.id }),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    // Bob's progress stream is refused before anything is sent.
    const bobStream = watch('websocket', job.id, bobToken);
    await expect(bobStream.ended).rejects.toMatchObject({ data: { domainCode: 'NOT_FOUND' } });
    expect(bobStream.seen).toEqual([]);
    expect((await bob.backtests.list.query({})).items).toEqual([]);
    const mine = await alice.backtests.list.query({ size: 1 });
    expect(mine.items.map((item) => item.id)).toEqual([job.id]);
    expect(mine.total).toBe(
      await server.deps.db.prisma.backtest.count({
        where: { user: { email: 'alice@example.com' } },
      }),
    );

    const saved = await alice.strategies.create.mutate({
      config: {
        name: 'Alice SMA',
        algorithm: 'MovingAverage',
        parameters: { fast: 10, slow: 30 },
        symbols: ['NVDA'],
        timeframe: '1d',
      },
    });
    // A read-only API key may read its owner's jobs but not run any.
    const { key } = await alice.apiKeys.create.mutate({ name: 'reader', scopes: ['READ_ONLY'] });
    const reader = clientsFor(server).withApiKey(key);
    expect(await failure(reader.backtests.run.mutate(nvdaFiveYears))).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    expect((await reader.backtests.get.query({ backtestId: job.id })).id).toBe(job.id);

    const { name: _name, ...unnamed } = nvdaFiveYears;
    const viaSaved = { ...unnamed, strategy: { type: 'saved', strategyId: saved.id } } as const;
    expect(await failure(bob.backtests.run.mutate(viaSaved))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    await alice.strategies.share.mutate({
      strategyId: saved.id,
      email: 'bob@example.com',
      permissions: ['read'],
    });
    expect(await failure(bob.backtests.run.mutate(viaSaved))).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    await alice.strategies.share.mutate({
      strategyId: saved.id,
      email: 'bob@example.com',
      permissions: ['read', 'execute'],
    });
    const bobs = await bob.backtests.run.mutate(viaSaved);
    expect(bobs.name).toBe('Alice SMA');
    expect(await finished(bobs.id, bob)).toMatchObject({ status: 'COMPLETED' });
    expect(await failure(alice.backtests.get.query({ backtestId: bobs.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    await finished(job.id);
  });
});
