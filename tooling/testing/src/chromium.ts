/** Headless Chromium for browser tests: Debian's package, driven by playwright-core. */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** `CHROMIUM_PATH`, else Debian's (tooling/scripts/with-chromium.sh installs it). */
export const CHROMIUM: string = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Whether a browser is here; without one browser tests skip, saying so in their title. */
export const chromiumAvailable: boolean = existsSync(CHROMIUM);

/** Launches it headless, without the background services a test never needs. */
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
