import type { ServiceDeps } from '../../service-deps.ts';

/** What bot use cases work with. */
export type BotDeps = Pick<
  ServiceDeps,
  'db' | 'now' | 'events' | 'market' | 'venues' | 'config' | 'secretBox'
>;
