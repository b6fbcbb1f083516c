import * as Tabs from '@radix-ui/react-tabs';
import { ApiDocsTab } from './api-docs-tab.tsx';
import { ApiKeysTab } from './api-keys-tab.tsx';
import { WebhooksTab } from './webhooks-tab.tsx';

const TRIGGER =
  'rounded-md px-3 py-2 text-sm data-[state=active]:bg-panel data-[state=active]:font-semibold';

/** Seed 000's Developer Dashboard: API keys, webhooks and the API's documentation. */
export function DeveloperPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Developer Dashboard</h1>
      <Tabs.Root defaultValue="keys">
        <Tabs.List
          aria-label="Developer Dashboard"
          className="mb-4 flex gap-2 border-b border-line pb-2"
        >
          <Tabs.Trigger value="keys" className={TRIGGER}>
            API Keys
          </Tabs.Trigger>
          <Tabs.Trigger value="webhooks" className={TRIGGER}>
            Webhooks
          </Tabs.Trigger>
          <Tabs.Trigger value="docs" className={TRIGGER}>
            API Documentation
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="keys">
          <ApiKeysTab />
        </Tabs.Content>
        <Tabs.Content value="webhooks">
          <WebhooksTab />
        </Tabs.Content>
        <Tabs.Content value="docs">
          <ApiDocsTab />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
