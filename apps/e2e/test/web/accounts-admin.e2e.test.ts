// Exchange accounts and administration in headless Chromium against a real server: a paper
// account added (its balance checked beside the field), listed and deleted after confirmation;
// an admin changing a user's role and plan and disabling them; a non-admin kept out. Needs
// Chromium (tooling/scripts/with-chromium.sh); skipped, saying so, without it.
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, registerUser } from '../support/clients.ts';
import {
  browserSuiteTitle,
  chromiumAvailable,
  launchChromium,
  UI_TIMEOUT_MS,
  unnamedControls,
} from './support/browser.ts';
import { signInThroughUi } from './support/sign-in.ts';

const title = browserSuiteTitle('accounts and admin');

describe.skipIf(!chromiumAvailable)(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let adminToken = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const admin = await registerUser(server, 'web-admin');
    adminToken = admin.accessToken;
    await server.deps.db.prisma.user.update({
      where: { id: admin.user.id },
      data: { role: 'ADMIN' },
    });
    await registerUser(server, 'web-member');
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await signInThroughUi(page, server, 'web-admin@example.com');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

  it('adds a paper account, lists it and deletes it after confirmation', async () => {
    await nav('Accounts');
    await page.getByText('No accounts yet').waitFor();
    const balance = page.getByLabel('Starting balance');
    await balance.fill('');
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => balance.getAttribute('aria-invalid')).toBe('true');

    await balance.fill('25000');
    await page.getByLabel('Account name').fill('Practice');
    await page.getByRole('button', { name: 'Add account' }).click();
    const table = page.getByRole('table', { name: 'Accounts' });
    await table.getByRole('cell', { name: 'Practice', exact: true }).waitFor();
    await table.getByRole('cell', { name: /^25,000\.00 [A-Z]+$/ }).waitFor();
    const client = clientWithToken(server, adminToken);
    const [stored] = (await client.accounts.list.query({})).accounts;
    expect(stored?.accountInfo).toMatchObject({ name: 'Practice', isPaper: true });
    expect(await unnamedControls(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete Practice' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete account' }).click();
    await page.getByText('No accounts yet').waitFor();
    expect((await client.accounts.list.query({})).accounts).toEqual([]);
  });

  it('lets an admin change a user’s role and plan, and disable them', async () => {
    await nav('Admin');
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByRole('cell', { name: 'web-member@example.com', exact: true }).waitFor();
    await page.getByLabel('Role of web-member@example.com').selectOption('analyst');
    await page.getByLabel('Plan of web-member@example.com').selectOption('pro');
    await page.getByRole('button', { name: 'Save web-member@example.com' }).click();
    const client = clientWithToken(server, adminToken);
    const member = async () =>
      (await client.admin.users.list.query({ search: 'web-member' })).find(
        (user) => user.email === 'web-member@example.com',
      );
    await expect.poll(async () => (await member())?.role).toBe('analyst');
    expect((await member())?.plan).toBe('pro');

    await page.getByRole('button', { name: 'Disable web-member@example.com' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('button', { name: 'Enable web-member@example.com' }).waitFor();
    expect((await member())?.disabled).toBe(true);
    // The change is in the audit log on the same page.
    await page
      .getByRole('table', { name: 'Audit log' })
      .getByText(/admin\.user_/)
      .first()
      .waitFor();
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('shows no admin page to a user who is not an admin', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    other.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await registerUser(server, 'web-plain');
      await signInThroughUi(other, server, 'web-plain@example.com');
      await other
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Overview' })
        .waitFor();
      expect(
        await other
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Admin' })
          .count(),
      ).toBe(0);
      await other.evaluate(() => {
        window.history.pushState({}, '', '/admin');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await other
        .getByRole('alert')
        .filter({ hasText: /permission|not allowed|admin/i })
        .waitFor();
      expect(await other.content()).not.toContain('web-member@example.com');
    } finally {
      await context.close();
    }
  });
});
