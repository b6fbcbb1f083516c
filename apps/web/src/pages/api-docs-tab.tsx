import { Card } from '../ui/card.tsx';

/** Where the enterprise REST API is documented, and a first call to copy. */
export function ApiDocsTab() {
  const base = `${window.location.origin}/api/enterprise`;
  const curl = `curl -H "X-API-Key: $TRADEWIND_API_KEY" ${base}/bots`;
  return (
    <Card title="API documentation">
      <div className="space-y-3 text-sm">
        <p>
          The enterprise REST API lives at <code className="font-mono">{base}</code>. Its OpenAPI
          document is at{' '}
          <a className="underline" href="/api/enterprise/openapi.json">
            /api/enterprise/openapi.json
          </a>{' '}
          and the interactive reference at{' '}
          <a className="underline" href="/docs">
            /docs
          </a>
          .
        </p>
        <label className="block font-medium" htmlFor="first-call">
          Your first call
        </label>
        <textarea
          id="first-call"
          readOnly
          rows={2}
          className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs"
          value={curl}
        />
        <button
          type="button"
          className="rounded-md border border-line px-3 py-1"
          onClick={() => navigator.clipboard?.writeText(curl).catch(() => undefined)}
        >
          Copy the curl command
        </button>
      </div>
    </Card>
  );
}
