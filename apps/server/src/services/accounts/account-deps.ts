import type { ServerDeps } from '../../server-deps.ts';

/** What the account services use: the database, the secret box, the clock and the venues. */
export type AccountDeps = Pick<ServerDeps, 'db' | 'secretBox' | 'now' | 'venues'>;
