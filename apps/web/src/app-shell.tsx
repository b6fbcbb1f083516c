import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useState, useSyncExternalStore } from 'react';
import { session } from './api/session.ts';
import { api } from './api/trpc.ts';
import { connection } from './live/connection.ts';
import { useLiveEvents } from './live/use-live-events.ts';
import { Button } from './ui/button.tsx';
import { applyTheme, initialTheme } from './ui/theme.ts';

const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/bots', label: 'Bots' },
  { to: '/strategies', label: 'Strategies' },
  { to: '/backtests', label: 'Backtests' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/developer', label: 'Developer' },
  { to: '/settings', label: 'Settings' },
] as const;

function ConnectionBanner() {
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  if (state !== 'lost') return null;
  return (
    <div role="status" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      Connection to the server lost; reconnecting…
    </div>
  );
}

function ThemeToggle() {
  const [theme, setTheme] = useState(initialTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="secondary"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </Button>
  );
}

/** The signed-in frame: navigation, theme, the live event stream, the connection banner. */
export function AppShell() {
  const user = useSyncExternalStore(session.subscribe, session.user);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useLiveEvents(Boolean(user));
  const signOut = async () => {
    await api.auth.logout.mutate().catch(() => undefined);
    session.signOut();
    queryClient.clear();
    await navigate({ to: '/sign-in', search: { redirect: undefined } });
  };
  return (
    <div className="flex min-h-screen flex-col">
      <ConnectionBanner />
      <header className="border-b border-line bg-panel">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <span className="font-semibold text-accent">Tradewind</span>
          <nav aria-label="Main" className="flex flex-wrap gap-3 text-sm">
            {[
              ...NAV,
              ...(user?.role === 'admin' ? [{ to: '/admin', label: 'Admin' } as const] : []),
            ].map((item) => (
              <Link
                key={item.to}
                to={item.to}
                activeOptions={{ exact: item.to === '/' }}
                className="rounded px-2 py-1 text-muted [&.active]:bg-surface [&.active]:text-ink"
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <span className="text-sm text-muted">{user?.email}</span>
            <ThemeToggle />
            <Button variant="secondary" onClick={signOut}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <footer className="border-t border-line px-4 py-3 text-center text-xs text-muted">
        Charts by{' '}
        <a className="underline" href="https://www.tradingview.com/" rel="noreferrer">
          TradingView Lightweight Charts™
        </a>{' '}
        ·{' '}
        <Link to="/about" className="underline">
          Notices
        </Link>
      </footer>
    </div>
  );
}
