// The bot page in headless Chromium against a real server: candles of the bars the bot traded
// on with its fills marked, the equity curve, and the operator's controls (force enter, force
// exit, terminate). Needs Chromium (tooling/scripts/with-chromium.sh); skipped, saying so,
// without it.
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, failure, registerUser } from '../support/clients.ts';
import {
  browserSuiteTitle,
  chromiumAvailable,
  launchChromium,
  UI_TIMEOUT_MS,
  unnamedControls,
} from './support/browser.ts';
import { signInThroughUi } from './support/sign-in.ts';

const title = browserSuiteTitle('bot page');

describe.skipIf(!chromiumAvailable)(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ simulatorBarMs: 100 }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the bars the bot traded on with its fills marked, and its equity', async () => {
    const owner = await registerUser(server, 'chart-owner');
    const client = clientWithToken(server, owner.accessToken);
    const bot = await client.bots.create.mutate({
      name: 'chart bot',
      strategy: 'MovingAverage',
      params: { fast: 2, slow: 4 },
      symbols: ['AAPL'],
      initialCash: 10_000,
      timeframe: '1m',
    });
    await expect
      .poll(async () => (await client.trades.list.query({ botId: bot.id })).total, {
        timeout: UI_TIMEOUT_MS,
        interval: 500,
      })
      .toBeGreaterThan(1);

    // The chart's bars are the bars the bot filled on: every fill's price is its bar's open.
    const chart = await client.bots.chart.query({ botId: bot.id });
    const { trades } = await client.trades.list.query({ botId: bot.id, limit: 1000 });
    const opens = new Map(chart.candles.map((bar) => [bar.time, bar.open]));
    // Strategy fills fill at the next bar's open (risk exits and operator fills at a close).
    const charted = trades.filter((trade) => trade.reason === 'signal' && opens.has(trade.barTime));
    expect(charted.length).toBeGreaterThan(0);
    for (const trade of charted) expect(trade.price).toBeCloseTo(opens.get(trade.barTime) ?? 0, 6);
    expect(chart.equity.length).toBeGreaterThan(0);
    expect(chart.equity[0]?.equity).toBeCloseTo(10_000, -3);
    // Another user's bot is not found, as for every other bot procedure.
    const other = await registerUser(server, 'chart-other');
    expect(
      await failure(clientWithToken(server, other.accessToken).bots.chart.query({ botId: bot.id })),
    ).toMatchObject({ code: 'NOT_FOUND' });

    await signInThroughUi(page, server, 'chart-owner@example.com', `/bots/${bot.id}`);
    await page.getByRole('heading', { name: 'chart bot' }).waitFor();
    const candles = page.getByRole('img', { name: /^AAPL candles of chart bot/ });
    const counts = async () =>
      (
        /(\d+) bars, (\d+) fills marked/.exec((await candles.getAttribute('aria-label')) ?? '') ??
        []
      )
        .slice(1)
        .map(Number);
    await expect
      .poll(async () => (await counts())[1] ?? 0, { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(0);
    const [bars = 0] = await counts();
    expect(bars).toBeGreaterThan(10);
    // The chart is drawn (a canvas), with TradingView's attribution.
    expect(await candles.locator('canvas').count()).toBeGreaterThan(0);
    await page
      .getByRole('img', { name: 'Equity of chart bot' })
      .locator('canvas')
      .first()
      .waitFor();
    await page.getByRole('link', { name: /Notices/ }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('buys and closes a position by hand, then terminates the bot after confirmation', async () => {
    const header = page.getByRole('heading', { name: 'chart bot' });
    await header.waitFor();
    // Pause first: the strategy's own fills would race the operator's.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    const count = async () =>
      Number(
        /\((\d+)\)/.exec(
          (await page.getByRole('heading', { name: /^Trades \(/ }).textContent()) ?? '',
        )?.[1],
      );
    const closeButtons = page.getByRole('button', { name: /^Close AAPL$/ });
    if ((await closeButtons.count()) > 0) {
      await closeButtons.click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Close position' }).click();
      await closeButtons.waitFor({ state: 'detached' });
    }
    const before = await count();

    // A bad quantity is refused beside its field, and nothing is bought.
    await page.getByLabel('Quantity (optional)').fill('-1');
    await page.getByRole('button', { name: 'Buy now' }).click();
    const quantity = page.getByLabel('Quantity (optional)');
    await expect.poll(() => quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await count()).toBe(before);

    await quantity.fill('3');
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Bought 3 AAPL at/ })
      .waitFor();
    await expect.poll(count).toBe(before + 1);
    await page.getByText(/^AAPL × 3 @/).waitFor();

    // Closing asks first; cancelling keeps the position.
    await page.getByRole('button', { name: 'Close AAPL' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Close AAPL' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close position' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await expect.poll(count).toBe(before + 2);
    await page.getByText('No open position.').waitFor();

    await page.getByRole('button', { name: 'Terminate' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Terminate bot' }).click();
    await page.getByText('COMPLETED').waitFor();
    await page.getByRole('button', { name: 'Buy now' }).waitFor({ state: 'detached' });
    expect(await unnamedControls(page)).toEqual([]);
  });
});
