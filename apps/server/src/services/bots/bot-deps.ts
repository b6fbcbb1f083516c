import type { ServerDeps } from '../../server-deps.ts';

/** What bot use cases work with. */
export type BotDeps = Pick<ServerDeps, 'db' | 'now' | 'events' | 'market' | 'venues' | 'config'>;
