/// <reference lib="dom" />
// (The DOM types: part of this file runs in the page, through page.evaluate.)
/** Headless Chromium for the dashboard tests: `@tradewind/testing/chromium`, plus page helpers. */

import { CHROMIUM, chromiumAvailable } from '@tradewind/testing/chromium';
import type { Page } from 'playwright-core';

export { CHROMIUM, chromiumAvailable, launchChromium } from '@tradewind/testing/chromium';

/**
 * The title of a browser suite, saying that it was skipped (and how to install Chromium) when
 * there is no Chromium; the skip is also printed, so a quiet pass cannot hide it.
 */
export function browserSuiteTitle(subject: string): string {
  if (chromiumAvailable) return `${subject} in headless Chromium (${CHROMIUM})`;
  const skipped = `${subject} in headless Chromium: SKIPPED, ${CHROMIUM} not found (install it: tooling/scripts/with-chromium.sh)`;
  console.warn(skipped);
  return skipped;
}

/** Generous: a loaded 2-core CI machine is slow, not broken. */
export const UI_TIMEOUT_MS = 60_000;

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
