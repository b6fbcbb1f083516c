// The HTML report opened in a real headless Chromium (Debian's package, driven by
// playwright-core): it loads offline and both charts render as non-empty SVG.
// Needs /usr/bin/chromium (tooling/scripts/with-chromium.sh installs it); without it the test is
// reported as skipped, with the reason in its name.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ohlcvPath } from '@tradewind/testing';
import {
  chromiumAvailable as available,
  CHROMIUM,
  launchChromium,
} from '@tradewind/testing/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradewind } from './support/run-tradewind.ts';

const ORCL = ohlcvPath('orcl-1995-2014.txt');

const title = available
  ? `backtest report in headless Chromium (${CHROMIUM})`
  : `backtest report in headless Chromium: SKIPPED, ${CHROMIUM} not found (install it: tooling/scripts/with-chromium.sh)`;

if (!available) console.warn(title);

describe.skipIf(!available)(title, () => {
  let dir: string;
  let browser: Browser;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-report-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens offline and shows both charts, the trades and the Monte Carlo bands', async () => {
    const report = path.join(dir, 'report.html');
    const run = await tradewind([
      'backtest',
      'run',
      '--strategy',
      'MovingAverage',
      '--data',
      ORCL,
      '--commission',
      '0.001',
      '--monte-carlo',
      '500',
      '--report',
      report,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(report).href);

    for (const id of ['equity-chart', 'drawdown-chart']) {
      const chart = page.locator(`svg#${id}`);
      const box = await chart.boundingBox();
      expect(box?.width, id).toBeGreaterThan(500);
      expect(box?.height, id).toBeGreaterThan(100);
      // The line itself: the run's bounded curve (5,036 bars drawn with at most 1,000 points,
      // the result's cap), and it occupies real space on the page.
      const line = chart.locator('polyline');
      const points = (await line.getAttribute('points'))?.trim().split(/\s+/) ?? [];
      expect(points.length, id).toBeGreaterThan(500);
      expect(points.length, id).toBeLessThanOrEqual(1000);
      const lineBox = await line.boundingBox();
      expect(lineBox?.width, id).toBeGreaterThan(400);
      expect(lineBox?.height, id).toBeGreaterThan(20);
    }
    const tradeRows = await page.locator('#trades tbody tr').count();
    expect(tradeRows).toBeGreaterThan(50);
    await expect(page.locator('#monte-carlo tbody tr').count()).resolves.toBe(2);
    expect(await page.title()).toContain('MovingAverage');
    // Only the file itself was loaded: nothing from a network, no script errors.
    expect(requests).toEqual([pathToFileURL(report).href]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
