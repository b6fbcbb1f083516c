import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { session } from './api/session.ts';
import { AppShell } from './app-shell.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

// Routes are split: the sign-in page ships alone; each signed-in page loads when first opened.
const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>) => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
  }),
  component: SignInPage,
});

const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  component: lazyRouteComponent(() => import('./pages/register-page.tsx'), 'RegisterPage'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(
    () => import('./pages/forgot-password-page.tsx'),
    'ForgotPasswordPage',
  ),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>) => ({
    token: typeof search.token === 'string' ? search.token : undefined,
  }),
  component: lazyRouteComponent(
    () => import('./pages/reset-password-page.tsx'),
    'ResetPasswordPage',
  ),
});

const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/about',
  component: lazyRouteComponent(() => import('./pages/about-page.tsx'), 'AboutPage'),
});

/** Everything below needs a signed-in session; without one, sign in and come back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ location }) => {
    if (!session.signedIn()) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
  },
  component: AppShell,
});

const overviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/overview-page.tsx'), 'OverviewPage'),
});
const botsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bots',
  component: lazyRouteComponent(() => import('./pages/bots-page.tsx'), 'BotsPage'),
});
const startBotRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bots/new',
  component: lazyRouteComponent(() => import('./pages/start-bot-page.tsx'), 'StartBotPage'),
});
const botRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bots/$botId',
  component: lazyRouteComponent(() => import('./pages/bot-page.tsx'), 'BotPage'),
});
const developerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/developer',
  component: lazyRouteComponent(() => import('./pages/developer-page.tsx'), 'DeveloperPage'),
});

const strategiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/strategies',
  component: lazyRouteComponent(() => import('./pages/strategies-page.tsx'), 'StrategiesPage'),
});
const backtestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/backtests',
  validateSearch: (search: Record<string, unknown>) => ({
    strategyId:
      Number.isInteger(Number(search.strategyId)) && Number(search.strategyId) > 0
        ? Number(search.strategyId)
        : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/backtests-page.tsx'), 'BacktestsPage'),
});
const backtestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/backtests/$backtestId',
  component: lazyRouteComponent(() => import('./pages/backtest-page.tsx'), 'BacktestPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./pages/settings-page.tsx'), 'SettingsPage'),
});

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  component: lazyRouteComponent(() => import('./pages/accounts-page.tsx'), 'AccountsPage'),
});

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  component: lazyRouteComponent(() => import('./pages/admin-page.tsx'), 'AdminPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  registerRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  aboutRoute,
  appRoute.addChildren([
    overviewRoute,
    botsRoute,
    startBotRoute,
    botRoute,
    developerRoute,
    strategiesRoute,
    backtestsRoute,
    backtestRoute,
    settingsRoute,
    accountsRoute,
    adminRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
