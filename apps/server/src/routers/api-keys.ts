import { router } from '../trpc/init.ts';

/** API key management (owner: the apiKeys domain). */
export const apiKeysRouter = router({});
