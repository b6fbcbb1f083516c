import { router } from '../trpc/init.ts';
import { adminRouter } from './admin.ts';
import { apiKeysRouter } from './api-keys.ts';
import { authRouter } from './auth.ts';
import { systemRouter } from './system.ts';

/** The whole tRPC API; routers per domain, composed here and nowhere else. */
export const appRouter = router({
  admin: adminRouter,
  apiKeys: apiKeysRouter,
  auth: authRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
