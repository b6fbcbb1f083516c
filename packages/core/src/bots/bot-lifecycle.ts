import { DomainError } from '../errors/domain-error.ts';

export const BOT_STATUSES = [
  'CREATED',
  'ACTIVE',
  'PAUSED',
  'STOPPING',
  'COMPLETED',
  'ERROR',
] as const;
export type BotStatus = (typeof BOT_STATUSES)[number];

/** What can happen to a bot; each is also the name of the event it emits (`bot.<action>`). */
export type BotAction = 'start' | 'pause' | 'resume' | 'stop' | 'finish' | 'fail';

/**
 * The bot state machine (DESIGN.md): CREATED -> ACTIVE <-> PAUSED -> (STOPPING) -> COMPLETED,
 * and ERROR from any running state. `stop` enters STOPPING (positions are being closed);
 * `finish` completes it. COMPLETED and ERROR are final.
 */
const TRANSITIONS: Readonly<Record<BotAction, Partial<Record<BotStatus, BotStatus>>>> = {
  start: { CREATED: 'ACTIVE' },
  pause: { ACTIVE: 'PAUSED' },
  resume: { PAUSED: 'ACTIVE' },
  stop: { ACTIVE: 'STOPPING', PAUSED: 'STOPPING', CREATED: 'STOPPING' },
  finish: { STOPPING: 'COMPLETED' },
  fail: { ACTIVE: 'ERROR', PAUSED: 'ERROR', STOPPING: 'ERROR' },
};

/** Statuses in which a bot holds a lease and may trade or be resumed. */
export const RUNNING_STATUSES: readonly BotStatus[] = ['ACTIVE', 'PAUSED', 'STOPPING'];

/** The status after `action`, or a CONFLICT error saying why the bot cannot do it now. */
export function nextBotStatus(current: BotStatus, action: BotAction): BotStatus {
  const next = TRANSITIONS[action][current];
  if (!next) {
    throw new DomainError('CONFLICT', `Cannot ${action} a bot that is ${current}`, {
      status: current,
      action,
    });
  }
  return next;
}

/** True when `action` is allowed from `current`. */
export function canBot(current: BotStatus, action: BotAction): boolean {
  return TRANSITIONS[action][current] !== undefined;
}
