import { describe, expect, it } from 'vitest';
import { BOT_STATUSES, type BotAction, canBot, nextBotStatus } from './bot-lifecycle.ts';

describe('bot lifecycle', () => {
  it('follows CREATED -> ACTIVE <-> PAUSED -> STOPPING -> COMPLETED', () => {
    let status = nextBotStatus('CREATED', 'start');
    expect(status).toBe('ACTIVE');
    status = nextBotStatus(status, 'pause');
    expect(status).toBe('PAUSED');
    status = nextBotStatus(status, 'resume');
    expect(status).toBe('ACTIVE');
    status = nextBotStatus(status, 'stop');
    expect(status).toBe('STOPPING');
    expect(nextBotStatus(status, 'finish')).toBe('COMPLETED');
  });

  it('reaches ERROR from every running state and from nothing else', () => {
    expect(BOT_STATUSES.filter((status) => canBot(status, 'fail'))).toEqual([
      'ACTIVE',
      'PAUSED',
      'STOPPING',
    ]);
  });

  it('keeps COMPLETED and ERROR final', () => {
    const actions: BotAction[] = ['start', 'pause', 'resume', 'stop', 'finish', 'fail'];
    for (const status of ['COMPLETED', 'ERROR'] as const) {
      for (const action of actions) expect(canBot(status, action)).toBe(false);
    }
  });

  it('explains a refused transition as a conflict', () => {
    expect(() => nextBotStatus('COMPLETED', 'pause')).toThrow(
      'Cannot pause a bot that is COMPLETED',
    );
    const refusal = (() => {
      try {
        return nextBotStatus('PAUSED', 'pause');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({
      code: 'CONFLICT',
      details: { status: 'PAUSED', action: 'pause' },
    });
  });
});
