// Strategies and backtests in headless Chromium against a real server: a strategy created from
// a template, listed, searched and backtested; a backtest submitted from the form, its progress
// watched live, its report (figures, equity, drawdown, Monte Carlo) shown; a running one
// cancelled. Needs Chromium (tooling/scripts/with-chromium.sh); skipped, saying so, without it.
import { loadConfig, type RunningServer } from '@tradewind/server';
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

const title = browserSuiteTitle('strategies and backtests');

describe.skipIf(!chromiumAvailable)(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let accessToken = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        // A pause per 1 % of bars: a three-year daily backtest lasts seconds, long enough to
        // watch its progress and cancel it.
        backtests: {
          ...loadConfig({ NODE_ENV: 'test' }).backtests,
          stepDelayMs: 150,
          progressIntervalMs: 50,
        },
      }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    accessToken = (await registerUser(server, 'lab-owner')).accessToken;
    await signInThroughUi(page, server, 'lab-owner@example.com');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

  it('creates a strategy from a template, lists and searches it', async () => {
    await nav('Strategies');
    await page.getByText('No strategies yet').waitFor();
    await page.getByLabel('Strategy symbols').fill('');
    await page.getByRole('button', { name: 'Create strategy' }).click();
    const symbols = page.getByLabel('Strategy symbols');
    await expect.poll(() => symbols.getAttribute('aria-invalid')).toBe('true');

    await symbols.fill('AAPL, MSFT');
    await page.getByLabel('Strategy name').fill('Swing lab');
    await page.getByRole('button', { name: 'Create strategy' }).click();
    const table = page.getByRole('table', { name: 'Strategies' });
    await table.getByRole('cell', { name: 'Swing lab', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'AAPL, MSFT', exact: true }).waitFor();
    const stored = await clientWithToken(server, accessToken).strategies.list.query({});
    expect(stored.items.map((strategy) => [strategy.name, strategy.symbols])).toEqual([
      ['Swing lab', ['AAPL', 'MSFT']],
    ]);

    await page.getByLabel('Search strategies').fill('no such thing');
    await page.getByText('No strategies match').waitFor();
    await page.getByLabel('Search strategies').fill('swing');
    await table.getByRole('cell', { name: 'Swing lab', exact: true }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('runs a backtest from the form, shows its progress live, then its report', async () => {
    await nav('Backtests');
    await page.getByText('No backtests yet').waitFor();
    const capital = page.getByLabel('Initial capital');
    await capital.fill('-5');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => capital.getAttribute('aria-invalid')).toBe('true');
    await capital.fill('10000');
    await page.getByLabel('Strategy parameters').fill('fast=5, slow=20');
    await page.getByRole('checkbox', { name: /Monte Carlo/ }).check();
    await page.getByRole('button', { name: 'Run backtest' }).click();

    const bar = page.getByRole('progressbar', { name: 'Backtest progress' });
    await bar.waitFor();
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const value = await bar.getAttribute('aria-valuenow').catch(() => null);
          if (value !== null) seen.add(Number(value));
          return page.getByText('COMPLETED').count();
        },
        { timeout: UI_TIMEOUT_MS, interval: 100 },
      )
      .toBe(1);
    // The bar moved between the start and the end, without a reload.
    expect([...seen].some((value) => value > 0 && value < 100)).toBe(true);

    const backtestId = Number(new URL(page.url()).pathname.split('/').pop());
    const job = await clientWithToken(server, accessToken).backtests.get.query({ backtestId });
    expect(job.status).toBe('COMPLETED');
    const trades = page.getByText('Trades', { exact: true }).locator('..');
    expect(await trades.locator('dd').textContent()).toBe(String(job.metrics?.totalTrades));
    await page
      .getByRole('img', { name: 'Backtest equity curve' })
      .locator('canvas')
      .first()
      .waitFor();
    await page.getByRole('img', { name: 'Backtest drawdown curve' }).waitFor();
    const bands = page.getByRole('table', { name: 'Monte Carlo bands' }).getByRole('row');
    expect(await bands.count()).toBe(6);
    expect(await unnamedControls(page)).toEqual([]);

    await nav('Backtests');
    await page.getByRole('table', { name: 'Backtests' }).getByText('COMPLETED').waitFor();
  });

  it('backtests a saved strategy from its row, and cancels a running backtest', async () => {
    await nav('Strategies');
    await page.getByRole('link', { name: 'Backtest Swing lab' }).click();
    await expect
      .poll(() => page.getByLabel('Backtest strategy').inputValue())
      .toBe('saved strategy');
    await expect
      .poll(() => page.getByLabel('Saved strategy').locator('option:checked').textContent())
      .toBe('Swing lab');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const refused = page.getByRole('alert');
    // On to the job's page (a refusal would show its message instead).
    await expect
      .poll(
        async () => (await refused.allTextContents()).join(' ') || new URL(page.url()).pathname,
        { timeout: UI_TIMEOUT_MS },
      )
      .toMatch(/^\/backtests\/\d+$/);
    const backtestId = Number(new URL(page.url()).pathname.split('/').pop());
    const client = clientWithToken(server, accessToken);
    await page
      .getByRole('progressbar', { name: 'Backtest progress' })
      .waitFor()
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\npage: ${await page.locator('body').textContent()}`);
      });
    expect(await refused.allTextContents()).toEqual([]);
    expect((await client.backtests.get.query({ backtestId })).status).toMatch(/QUEUED|RUNNING/);
    await page.getByRole('button', { name: 'Cancel backtest' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel it' }).click();
    await page.getByText('CANCELLED').waitFor();
    const job = await client.backtests.get.query({ backtestId });
    // The saved strategy ran: the job carries its name.
    expect(job).toMatchObject({ status: 'CANCELLED', kind: 'backtest', name: 'Swing lab' });
  });
});
