/**
 * End-to-end fixtures: every test gets its own simulator (a known seed), the real core and the
 * WebSocket host, and a page on the preview. Tests act only through what a user sees.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../host/stack.ts';

export const SCREENS = path.resolve(import.meta.dirname, '../../../test-results/screens');

export const test = base.extend<{ stackOptions: StackOptions; stack: Stack; app: Page; shot: (name: string) => Promise<void> }>({
  stackOptions: [{ simConfig: { timeScale: 0.05, oauthAutoApprove: true }, rediscoverMs: 250 }, { option: true }],
  stack: async ({ stackOptions }, use) => {
    const stack = await startStack(stackOptions);
    await use(stack);
    await stack.stop();
  },
  app: async ({ page, stack }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(stack.host.url);
    await use(page);
    expect(errors, 'errors in the page').toEqual([]);
  },
  shot: async ({ page }, use) => {
    mkdirSync(SCREENS, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
    });
  },
});

export { expect };

/** Connects through the UI: Connect, then Approve in the "system browser" tab the app opens. */
export async function connect(page: Page, opts: { approve?: boolean } = {}): Promise<void> {
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const tab = await popup;
  if (opts.approve) {
    await tab.getByRole('button', { name: 'Approve' }).click();
  }
  await expect(tab.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await tab.close();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
}

/** The phone scans the QR / types the pairing code / taps the emoji (simulator test control). */
export async function phoneActs(stack: Stack, bridgeID: string, body: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${stack.sim.url}/__sim/bridges/${bridgeID}/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
