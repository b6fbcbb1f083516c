// Settings and password reset in headless Chromium against a real server: two-factor set up
// with its QR code, this device marked among the sessions and another one ended, a TradingView
// webhook URL created, and a forgotten password reset from the emailed token. Needs Chromium
// (tooling/scripts/with-chromium.sh); skipped, saying so, without it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousClient,
  clientWithToken,
  failure,
  PASSWORD,
  registerUser,
} from '../support/clients.ts';
import {
  browserSuiteTitle,
  chromiumAvailable,
  launchChromium,
  UI_TIMEOUT_MS,
  unnamedControls,
} from './support/browser.ts';
import { signInThroughUi } from './support/sign-in.ts';

const title = browserSuiteTitle('settings');

describe.skipIf(!chromiumAvailable)(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let accessToken = '';
  let totp: TOTP;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    accessToken = (await registerUser(server, 'settings-owner')).accessToken;
    await signInThroughUi(page, server, 'settings-owner@example.com', '/settings');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('turns two-factor on with the QR code and a first code', async () => {
    await page.getByText('settings-owner@example.com', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Set up two-factor' }).click();
    const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = await page.getByLabel('Or enter this secret').inputValue();
    totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });

    const code = page.getByLabel('Code from your authenticator app');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    await code.fill(totp.generate());
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByText(/Two-factor authentication is\s*on/).waitFor();
    const me = await clientWithToken(server, accessToken).auth.me.query();
    expect(me.twoFactorEnabled).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('marks this device among the sessions and ends another one', async () => {
    // A second device, signed in through the API (with the next step's code: each code works
    // once, and the set-up spent this step's).
    const secondDevice = await anonymousClient(server).auth.login.mutate({
      login: 'settings-owner@example.com',
      password: PASSWORD,
      totpCode: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const rows = page.getByRole('table', { name: 'Sessions' }).getByRole('row');
    // The header, this browser, the test's own API session and the second device: the page
    // shows its cached list first, so wait for the refetched one.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByText('This device', { exact: true }).count()).toBe(1);
    const others = page.getByRole('button', { name: /^End session \d+$/ });
    const before = await others.count();
    expect(before).toBeGreaterThanOrEqual(1);
    await others.first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    await expect.poll(() => others.count()).toBe(before - 1);
    expect(await page.getByText('This device', { exact: true }).count()).toBe(1);
    // Which API session was ended depends on the list's order; the next steps use the survivor.
    const ended = await clientWithToken(server, accessToken)
      .auth.me.query()
      .then(() => false)
      .catch(() => true);
    if (ended) accessToken = secondDevice.accessToken;
    expect(await clientWithToken(server, accessToken).auth.me.query()).toMatchObject({
      email: 'settings-owner@example.com',
    });
  });

  it('creates the TradingView webhook URL, shown once', async () => {
    await page.getByRole('button', { name: 'Create token' }).click();
    const url = await page.getByLabel('Webhook URL (shown once)').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/api/v1/webhook/tradingview\\?token=tvw_`));
    const status = await clientWithToken(server, accessToken).signals.token.query();
    expect(url).toContain(status?.prefix);
    await page.getByRole('button', { name: 'Rotate token' }).waitFor();
  });

  it('resets a forgotten password with the emailed token', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const visitor = await context.newPage();
    visitor.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await visitor.goto(`${server.url}/sign-in`);
      await visitor.getByRole('link', { name: 'Forgot your password?' }).click();
      await visitor.getByLabel('Email').fill('settings-owner@example.com');
      await visitor.getByRole('button', { name: 'Send reset email' }).click();
      await visitor
        .getByRole('status')
        .waitFor()
        .catch(async (error: Error) => {
          throw new Error(`${error.message}\npage: ${await visitor.locator('body').textContent()}`);
        });
      const token = await mailedToken();

      await visitor.goto(`${server.url}/reset-password?token=${encodeURIComponent(token)}`);
      expect(await visitor.getByLabel('Reset token').inputValue()).toBe(token);
      await visitor.getByLabel('New password').fill('short');
      await visitor.getByRole('button', { name: 'Set new password' }).click();
      // Refused beside a field, and the token still works afterwards.
      await expect
        .poll(() => visitor.getByRole('alert').allTextContents())
        .toEqual([expect.stringMatching(/password|characters/i)]);
      await visitor.getByLabel('New password').fill('a brand new password 7');
      await visitor.getByRole('button', { name: 'Set new password' }).click();
      await visitor.getByText('Your password is changed').waitFor();
      expect(await unnamedControls(visitor)).toEqual([]);
    } finally {
      await context.close();
    }
    const login = (password: string) =>
      anonymousClient(server).auth.login.mutate({ login: 'settings-owner@example.com', password });
    expect(await failure(login(PASSWORD))).toMatchObject({ status: 401 });
    // The new password is accepted (two-factor still on: the server asks for the code next).
    expect((await failure(login('a brand new password 7'))).message).toMatch(/two-factor/i);
  });

  async function mailedToken(): Promise<string> {
    const directory = path.join(server.deps.config.dataDir, 'mail');
    let token: string | undefined;
    await expect
      .poll(async () => {
        for (const name of await readdir(directory).catch(() => [] as string[])) {
          const mail = JSON.parse(await readFile(path.join(directory, name), 'utf8')) as {
            text: string;
          };
          token = mail.text.match(/\btwp_[\w-]+/)?.[0] ?? token;
        }
        return token;
      })
      .toBeDefined();
    return token as string;
  }
});
