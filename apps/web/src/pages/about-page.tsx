export function AboutPage() {
  return (
    <main className="mx-auto max-w-2xl space-y-3 p-8">
      <h1 className="text-xl font-semibold">Notices</h1>
      <p>
        The charts of this dashboard are drawn with TradingView Lightweight Charts™, Copyright ©
        2025 TradingView, Inc.,{' '}
        <a className="underline" href="https://www.tradingview.com/" rel="noreferrer">
          https://www.tradingview.com/
        </a>
        , under the Apache License 2.0.
      </p>
      <p>
        <a className="underline" href="/NOTICE.txt">
          Full notice text
        </a>
      </p>
    </main>
  );
}
