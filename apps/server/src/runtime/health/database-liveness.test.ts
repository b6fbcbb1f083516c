import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseLiveness, PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS } from './database-liveness.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DatabaseLiveness', () => {
  it('waits for the first probe, then answers from the last one with its age', async () => {
    const ping = vi.fn(async () => true);
    const liveness = new DatabaseLiveness(ping);
    expect(await liveness.reading()).toMatchObject({ connected: true, ageMs: 0 });
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS / 2);
    expect(await liveness.reading()).toMatchObject({
      connected: true,
      ageMs: PROBE_INTERVAL_MS / 2,
    });
    expect(ping).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(ping).toHaveBeenCalledTimes(2);
    liveness.stop();
  });

  it('reports a failed probe at once', async () => {
    let reachable = true;
    const liveness = new DatabaseLiveness(async () => reachable);
    await liveness.reading();
    reachable = false;
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect((await liveness.reading()).connected).toBe(false);
    liveness.stop();
  });

  it('turns disconnected when the database stops answering', async () => {
    let answer: Promise<boolean> = Promise.resolve(true);
    const liveness = new DatabaseLiveness(() => answer);
    await liveness.reading();
    answer = new Promise(() => {});
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    // The probe in flight has not answered yet: the last success still stands.
    expect((await liveness.reading()).connected).toBe(true);
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
    expect(await liveness.reading()).toMatchObject({ connected: false });
    liveness.stop();
  });
});
