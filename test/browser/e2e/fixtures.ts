/**
 * End-to-end fixtures: every test gets its own simulator (a known seed), the real core and the
 * WebSocket host, and a page on the preview. Tests act only through what a user sees.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../host/stack.ts';
import { DEFAULT_PROFILE, type Profile } from '../../simulator/index.ts';

export const SCREENS = path.resolve(import.meta.dirname, '../../../test-results/screens');

const LIVE = (status: string): boolean => !['complete', 'cancelled', 'failed'].includes(status);

export const test = base.extend<{ stackOptions: StackOptions; profile: Profile; stack: Stack; app: Page; shot: (name: string) => Promise<void> }>({
  stackOptions: [{ simConfig: { timeScale: 0.05, oauthAutoApprove: true }, rediscoverMs: 250 }, { option: true }],
  /** Which kind of Beeper Desktop the simulator is (its server profile). */
  profile: [DEFAULT_PROFILE, { option: true }],
  stack: async ({ stackOptions, profile }, use) => {
    const stack = await startStack({ ...stackOptions, simConfig: { ...stackOptions.simConfig, profile } });
    await use(stack);
    // Never a session left running on the server that the app does not show as running.
    const appLive = stack.core.sessions.list().filter((s) => LIVE(s.phase)).length;
    await expect
      .poll(async () => {
        // While "Beeper Desktop" is stopped its sessions are gone with it.
        const state = (await fetch(`${stack.sim.controlURL}/__sim/state`).then((r) => r.json(), () => ({ sessions: [] }))) as { sessions: Array<{ status: string }> };
        return state.sessions.filter((s) => LIVE(s.status)).length;
      }, { message: 'login sessions left running on the server' })
      .toBeLessThanOrEqual(appLive);
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
  /** Every screen a test photographs is also checked for accessibility, in light and dark. */
  shot: async ({ page, profile, colorScheme }, use) => {
    mkdirSync(SCREENS, { recursive: true });
    const violations: string[] = [];
    await use(async (name) => {
      const suffix = profile === DEFAULT_PROFILE ? '' : `-${profile}`;
      await page.screenshot({ path: path.join(SCREENS, `${name}${suffix}.png`), fullPage: true });
      // Every screen in the other theme too, unless the test chose its theme itself.
      if (!colorScheme || colorScheme === 'light' || colorScheme === 'no-preference') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: path.join(SCREENS, `${name}${suffix}-dark.png`), fullPage: true });
        await page.emulateMedia({ colorScheme: colorScheme ?? 'light' });
      }
      violations.push(...(await accessibilityViolations(page, name, colorScheme ?? 'light')));
    });
    expect(violations, 'serious or critical accessibility violations (axe-core, WCAG 2.1 A/AA)').toEqual([]);
  },
});

export { expect };

/**
 * axe-core on the page as it is, in the light and the dark theme: the serious and critical
 * violations of WCAG 2.1 A and AA, one line each. The page is left in the theme it was in.
 */
export async function accessibilityViolations(page: Page, screen: string, scheme: 'light' | 'dark' | 'no-preference'): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      found.push(`${screen} (${theme}): ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: scheme });
  return found;
}

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

/**
 * The page and every element in it fit the viewport's width: nothing to scroll sideways, past
 * either edge (in right-to-left an overflow runs off the left one). Visually hidden text is clipped,
 * not shown.
 */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const outside = (r: DOMRect): boolean => r.right > root.clientWidth + 1 || r.left < -1;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => getComputedStyle(el).position !== 'fixed' && !el.closest('.visually-hidden') && outside(el.getBoundingClientRect()))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(overflow.scrollWidth, `${screen}: scrollWidth <= clientWidth; too wide: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.clientWidth);
}

/** Opens an account's details from its row in a network's section, as a click does. */
export async function openDetails(page: Page, network: RegExp, name: string): Promise<void> {
  await page.getByRole('region', { name: network }).getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
  await expect(page.getByRole('complementary').getByRole('heading', { level: 2 })).toBeFocused();
}

/** From the accounts screen to Telegram's phone-number step, as a user would: Add account, Telegram, its first login method. */
export async function startAddingTelegram(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('button', { name: /Telegram/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
}

/** The phone scans the QR / types the pairing code / taps the emoji (simulator test control). */
export async function phoneActs(stack: Stack, bridgeID: string, body: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${stack.sim.url}/__sim/bridges/${bridgeID}/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
