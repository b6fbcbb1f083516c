import type { ServiceDeps } from '../../service-deps.ts';

/** What the account services use: the database, the secret box, the clock and the venues. */
export type AccountDeps = Pick<ServiceDeps, 'db' | 'secretBox' | 'now' | 'venues'>;
