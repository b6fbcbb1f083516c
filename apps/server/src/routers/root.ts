import { router } from '../trpc/init.ts';
import { accountsRouter } from './accounts.ts';
import { adminRouter } from './admin.ts';
import { alertsRouter } from './alerts.ts';
import { apiKeysRouter } from './api-keys.ts';
import { assistantRouter } from './assistant.ts';
import { authRouter } from './auth.ts';
import { backtestsRouter } from './backtests.ts';
import { botAccountsRouter } from './bot-accounts.ts';
import { botsRouter } from './bots.ts';
import { configRouter } from './config.ts';
import { groupsRouter } from './groups.ts';
import { liveRouter } from './live.ts';
import { marketRouter } from './market.ts';
import { metricsRouter } from './metrics.ts';
import { notificationsRouter } from './notifications.ts';
import { performanceRouter } from './performance.ts';
import { platformsRouter } from './platforms.ts';
import { providersRouter } from './providers.ts';
import { realtimeRouter } from './realtime.ts';
import { signalsRouter } from './signals.ts';
import { strategiesRouter } from './strategies.ts';
import { systemRouter } from './system.ts';
import { tradesRouter } from './trades.ts';
import { tradingRouter } from './trading.ts';
import { transfersRouter } from './transfers.ts';
import { walletRouter } from './wallet.ts';
import { webhooksRouter } from './webhooks.ts';

/** The whole tRPC API; routers per domain, composed here and nowhere else. */
export const appRouter = router({
  admin: adminRouter,
  alerts: alertsRouter,
  apiKeys: apiKeysRouter,
  auth: authRouter,
  backtests: backtestsRouter,
  bots: botsRouter,
  market: marketRouter,
  performance: performanceRouter,
  realtime: realtimeRouter,
  signals: signalsRouter,
  strategies: strategiesRouter,
  system: systemRouter,
  trades: tradesRouter,
  webhooks: webhooksRouter,
  accounts: accountsRouter,
  platforms: platformsRouter,
  providers: providersRouter,
  wallet: walletRouter,
  config: configRouter,
  chat: assistantRouter,
  groups: groupsRouter,
  trading: tradingRouter,
  transfers: transfersRouter,
  botAccounts: botAccountsRouter,
  live: liveRouter,
  notifications: notificationsRouter,
  metrics: metricsRouter,
});

export type AppRouter = typeof appRouter;
