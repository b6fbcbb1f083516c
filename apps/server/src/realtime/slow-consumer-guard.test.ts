import { describe, expect, it } from 'vitest';
import { SlowConsumerGuard } from './slow-consumer-guard.ts';

describe('SlowConsumerGuard', () => {
  it('sends while the buffer is under the limit', () => {
    const guard = new SlowConsumerGuard({ maxBufferedBytes: 100, stallMs: 1000 });
    expect(guard.admit(0, 0)).toEqual({ action: 'send', dropped: 0 });
    expect(guard.admit(100, 1)).toEqual({ action: 'send', dropped: 0 });
  });

  it('drops past the limit and reports the count once the client catches up', () => {
    const guard = new SlowConsumerGuard({ maxBufferedBytes: 100, stallMs: 1000 });
    expect(guard.admit(101, 0)).toEqual({ action: 'drop' });
    expect(guard.admit(5000, 500)).toEqual({ action: 'drop' });
    expect(guard.admit(10, 600)).toEqual({ action: 'send', dropped: 2 });
    expect(guard.admit(10, 700)).toEqual({ action: 'send', dropped: 0 });
  });

  it('cuts off a client still behind after the stall time, measured from when it fell behind', () => {
    const guard = new SlowConsumerGuard({ maxBufferedBytes: 100, stallMs: 1000 });
    expect(guard.admit(200, 10_000)).toEqual({ action: 'drop' });
    expect(guard.admit(200, 11_000)).toEqual({ action: 'drop' });
    expect(guard.admit(200, 11_001)).toEqual({ action: 'disconnect' });
    // Catching up resets the clock.
    const recovering = new SlowConsumerGuard({ maxBufferedBytes: 100, stallMs: 1000 });
    recovering.admit(200, 0);
    recovering.admit(50, 900);
    expect(recovering.admit(200, 1500)).toEqual({ action: 'drop' });
  });
});
