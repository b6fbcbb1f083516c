import type { ServiceDeps } from '../../service-deps.ts';

/** What bot use cases work with (`settings`: new bots' defaults, see `new-bot-defaults.ts`). */
export type BotDeps = Pick<
  ServiceDeps,
  'db' | 'now' | 'events' | 'market' | 'venues' | 'config' | 'secretBox' | 'settings'
>;
