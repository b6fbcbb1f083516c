import { router } from '../trpc/init.ts';

/** User administration and the audit trail, for admins. */
export const adminRouter = router({});
