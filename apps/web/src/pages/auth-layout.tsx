import type { ReactNode } from 'react';

/** The frame of the signed-out pages. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <div>
        <p className="font-semibold text-accent">Tradewind</p>
        <h1 className="text-2xl font-semibold">{title}</h1>
      </div>
      {children}
    </main>
  );
}
