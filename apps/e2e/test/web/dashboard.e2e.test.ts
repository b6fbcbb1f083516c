/// <reference lib="dom" />
// (The DOM types: part of this file runs in the page, through page.evaluate.)
// The web dashboard in a real headless Chromium against a real server: signing in with 2FA, a
// bot's trades arriving live, an API key shown once and working until revoked, and a second
// user seeing nothing of the first's. Needs Chromium (tooling/scripts/with-chromium.sh);
// without it the tests are reported as skipped, with the reason in the title.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, PASSWORD, registerUser } from '../support/clients.ts';
import {
  browserSuiteTitle,
  chromiumAvailable,
  launchChromium,
  UI_TIMEOUT_MS,
  unnamedControls,
} from './support/browser.ts';

const title = browserSuiteTitle('web dashboard');

describe.skipIf(!chromiumAvailable)(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let firstBotId = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ simulatorBarMs: 100, webhookAllowPrivateUrls: true }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with the two-factor step and shows a new user what to do first', async () => {
    const tokens = await registerUser(server, 'web-owner');
    // Seed 000's enterprise API is for the Enterprise plan (used by the API key test below).
    await server.deps.db.prisma.user.update({
      where: { id: tokens.user.id },
      data: { plan: 'ENTERPRISE' },
    });
    const client = clientWithToken(server, tokens.accessToken);
    const enrollment = await client.auth.twoFactor.enroll.mutate();
    const totp = new TOTP({ secret: Secret.fromBase32(enrollment.secret), digits: 6, period: 30 });
    await client.auth.twoFactor.verify.mutate({ totpCode: totp.generate() });

    await page.goto(`${server.url}/`);
    // Not signed in: the app sends the visitor to sign in first.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email or username').fill('web-owner@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    // A wrong code is refused beside the field.
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/two-factor/i);
    // The enrolment spent this step's code (each code works once): the next step's is accepted.
    await page
      .getByLabel('Authentication code')
      .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('You have no bots yet').waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  it('shows the contract’s errors beside the field, starts a bot and streams its trades in', async () => {
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Bots' })
      .click();
    await page.getByRole('link', { name: 'Start a bot' }).click();
    const cash = page.getByLabel('Initial cash');
    await cash.fill('-5');
    await page.getByRole('button', { name: 'Start bot' }).click();
    const describedBy = await cash.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await expect
      .poll(() => page.locator(`[id="${describedBy}"]`).textContent())
      .toBe('must be greater than 0');
    expect(await cash.getAttribute('aria-invalid')).toBe('true');
    expect(await unnamedControls(page)).toEqual([]);

    await cash.fill('10000');
    await page.getByLabel('Name (optional)').fill('web bot');
    await page.getByLabel('Parameters').fill('fast=2, slow=4');
    await page.getByRole('button', { name: 'Start bot' }).click();
    await page.getByRole('heading', { name: 'web bot' }).waitFor();
    firstBotId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(firstBotId).toBeGreaterThan(0);

    // Fills arrive over the live stream: rows appear and the count grows, without a reload.
    const trades = page.getByRole('table', { name: 'Trades' }).getByRole('row');
    await expect
      .poll(() => trades.count(), { timeout: UI_TIMEOUT_MS, interval: 500 })
      .toBeGreaterThan(2);
    const first = await page.getByRole('heading', { name: /^Trades \(\d+\)$/ }).textContent();
    await expect
      .poll(async () => page.getByRole('heading', { name: /^Trades \(\d+\)$/ }).textContent(), {
        timeout: UI_TIMEOUT_MS,
        interval: 500,
      })
      .not.toBe(first);
    expect(
      await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
    ).toBe(true);
    await page.getByRole('img', { name: /^AAPL candles of web bot/ }).waitFor();
  });

  it('creates an API key shown once, which works on the enterprise API until revoked', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Developer' })
      .click();
    await page.getByLabel('Key name').fill('web ci key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^twk_/);
    expect(await page.getByRole('textbox', { name: 'Secret' }).inputValue()).toMatch(/^tws_/);
    expect(await unnamedControls(page)).toEqual([]);

    const bots = () =>
      fetch(`${server.url}/api/enterprise/bots`, { headers: { 'x-api-key': key } });
    const allowed = await bots();
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { data: { id: number }[] };
    expect(body.data.map((bot) => bot.id)).toEqual([firstBotId]);

    // Once dismissed, the key is nowhere on the page and cannot be shown again.
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('cell', { name: 'web ci key', exact: true }).waitFor();
    expect(await page.content()).not.toContain(key);

    await page.getByRole('button', { name: 'Revoke web ci key' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys').waitFor();
    expect((await bots()).status).toBe(401);
  });

  it('adds a webhook to a local receiver, sends a test and shows the delivery', async () => {
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(body);
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Developer' })
        .click();
      await page.getByRole('tab', { name: 'Webhooks' }).click();
      await page.getByLabel('Endpoint URL').fill('not a url');
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByText('must be an absolute http:// or https:// URL').waitFor();
      await page.getByLabel('Endpoint URL').fill(url);
      // Only an event that never fires here: the running bot's trades would add rows of their own.
      await page.getByRole('checkbox', { name: 'trade.executed' }).uncheck();
      await page.getByRole('checkbox', { name: 'bot.error' }).check();
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByRole('button', { name: `Send a test event to ${url}` }).click();
      const deliveries = page.getByRole('table', { name: 'Deliveries' });
      await deliveries.getByRole('cell', { name: 'SUCCEEDED' }).waitFor();
      await deliveries.getByRole('cell', { name: '200', exact: true }).waitFor();
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0] ?? '{}')).toMatchObject({ event_type: 'bot.started' });
      expect(await unnamedControls(page)).toEqual([]);
    } finally {
      receiver.close();
    }
  });

  it('shows a second user none of the first user’s data', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const other = await context.newPage();
    other.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await other.goto(`${server.url}/register`);
      await other.getByLabel('First name').fill('Other');
      await other.getByLabel('Email').fill('web-other@example.com');
      await other.getByLabel('Password').fill(PASSWORD);
      await other.getByRole('button', { name: 'Create account' }).click();
      await other.getByRole('heading', { name: 'Overview' }).waitFor();
      await other.getByText('You have no bots yet').waitFor();
      await other
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Bots' })
        .click();
      await other.getByText('No bots yet').waitFor();
      expect(await other.content()).not.toContain('web bot');

      // The first user's bot by its address: the server answers not found, shown as such.
      await other
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Overview' })
        .click();
      await other.evaluate((id) => {
        window.history.pushState({}, '', `/bots/${id}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, firstBotId);
      await other.getByText(/not found/i).waitFor();
      expect(await other.content()).not.toContain('web bot');
    } finally {
      await context.close();
    }
  });
});
