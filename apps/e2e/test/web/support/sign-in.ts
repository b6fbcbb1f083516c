/** Signing in through the dashboard's own sign-in page, for tests about what comes after. */
import type { RunningServer } from '@tradewind/server';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../../support/clients.ts';

/** Opens `path` (default the overview), signs in as `email` and waits for the page behind it. */
export async function signInThroughUi(
  page: Page,
  server: RunningServer,
  email: string,
  path = '/',
): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email or username').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
}
