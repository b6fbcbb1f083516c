/// <reference lib="dom" />
// (The DOM types: part of this file runs in the page, through page.evaluate.)
/** Headless Chromium for the dashboard tests (Debian's package, driven by playwright-core). */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Whether a browser is here; without one the browser tests skip, saying so in their title. */
export const chromiumAvailable = existsSync(CHROMIUM);

/** Generous: a loaded 2-core CI machine is slow, not broken. */
export const UI_TIMEOUT_MS = 60_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Every control on the page that has no accessible name (label, aria-label, labelledby or
 * text): described by its outer HTML, so a failure says which.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, a[href], [role="tab"]')]
      .filter((element) => {
        const control = element as unknown as { labels?: { length: number }; type?: string };
        const labelled =
          element.getAttribute('aria-label') ||
          element.getAttribute('aria-labelledby') ||
          control.labels?.length ||
          element.textContent?.trim();
        return !labelled && control.type !== 'hidden';
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}
