/**
 * Two hundred accounts (the `large:200` seed) plus a Slack login holding two workspaces: finding one
 * account, the "Needs attention" filter, folding sections, the toolbar staying in view, the keyboard,
 * and an account's details with its timeline as the simulator flips it to needs_login and back.
 */
import type { Page } from '@playwright/test';
import { slack, slackIdentity } from '../../simulator/bridges/web.ts';
import type { Stack } from '../../host/stack.ts';
import { connect, expect, expectNoSidewaysScroll, openDetails, test } from './fixtures.ts';

test.use({ stackOptions: { seed: 'large:200', simConfig: { timeScale: 0.05, oauthAutoApprove: true }, rediscoverMs: 250 } });

const rows = (app: Page) => app.locator('.row-open');

/** The seeded login of "Person N", as the simulator holds it. */
const personLogin = (stack: Stack, n: number) => [...stack.sim.core.state.logins.values()].find((l) => l.user.fullName === `Person ${n}`)!;

function withSlackAndDrops(stack: Stack, dropped: number[]): void {
  stack.sim.core.state.completeLogin(slack, slackIdentity('T0ACME001', 'U0ALEX001', 'Acme Inc', [{ team: 'T0ACMELAB', name: 'Acme Labs' }], 'Alex Rivera'));
  for (const n of dropped) {
    const l = personLogin(stack, n);
    stack.sim.core.state.setLoginStatus(l.bridgeID, l.loginID, 'needs_login', 'Signal was unlinked from your phone');
  }
}

test('the search finds one account among two hundred, by name or by number', async ({ app, stack, shot }) => {
  withSlackAndDrops(stack, []);
  await connect(app);
  await expect(rows(app)).toHaveCount(202); // 200, Slack, and Beeper itself
  const search = app.getByRole('searchbox', { name: 'Search accounts' });
  await search.fill('555 200 0136'); // by its number, written another way
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('Person 137');
  await expect(app.getByText('1 of 10')).toBeVisible();
  await shot('80-find-search');
  // By name: Person 137, and Person 138 whose number ends in 137.
  await search.fill('Person 137');
  await expect(rows(app)).toContainText(['Person 137', 'Person 138']);
  await search.fill('acme labs'); // a workspace of a login
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('Alex Rivera');
});

test('of two hundred pictures, those near the screen load at once and the rest when scrolled to', async ({ app }) => {
  await connect(app);
  await expect(rows(app)).toHaveCount(201); // 200 and Beeper itself
  const pictures = app.locator('img.avatar');
  const loaded = (): Promise<number> => pictures.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length);
  await expect.poll(loaded).toBeGreaterThan(5);
  const total = await pictures.count();
  expect(total).toBeGreaterThan(150);
  expect(await loaded()).toBeLessThan(total / 2);
  const last = pictures.last();
  expect(await last.evaluate((i) => (i as HTMLImageElement).complete)).toBe(false);
  await last.scrollIntoViewIfNeeded();
  await expect.poll(() => last.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
});

test('Needs attention shows only the accounts that need it; the toolbar stays in view while scrolling', async ({ app, stack, shot }) => {
  withSlackAndDrops(stack, [12, 77, 150]);
  await connect(app);
  await app.mouse.wheel(0, 6000);
  await expect(app.getByRole('searchbox')).toBeInViewport();
  await expect(app.getByRole('button', { name: 'Refresh' })).toBeInViewport();
  await expect(app.getByRole('button', { name: 'Add account' })).toBeInViewport();
  await app.getByRole('button', { name: 'Needs attention (3)' }).click();
  await expect(rows(app)).toHaveCount(3);
  await expect(rows(app)).toContainText(['Person 150', 'Person 12', 'Person 77']); // in network order: 10, 12, 17
  await shot('81-find-needs-attention');
  await app.getByRole('button', { name: 'Needs attention (3)' }).click();
  await expect(rows(app)).toHaveCount(202);
});

test('a section folds, says its count, and stays folded through a refresh', async ({ app }) => {
  await connect(app);
  const section = app.getByRole('region', { name: /^Network 03/ });
  const toggle = section.getByRole('button', { name: /^Network 03/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toContainText('10');
  await toggle.click();
  await expect(section.locator('.row-open')).toHaveCount(0);
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByText(/^Updated /)).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(rows(app)).toHaveCount(191);
});

test('keyboard: / to search, arrows through the rows, Enter for the details, Esc back to the row', async ({ app }) => {
  await connect(app);
  await app.keyboard.press('/');
  await expect(app.getByRole('searchbox')).toBeFocused();
  await app.keyboard.type('Person 4');
  await app.keyboard.press('ArrowDown');
  await expect(rows(app).nth(0)).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(rows(app).nth(1)).toBeFocused();
  const name = (await rows(app).nth(1).locator('.login-name').textContent())!;
  await app.keyboard.press('Enter');
  const details = app.getByRole('complementary');
  await expect(details.getByRole('heading', { name, level: 2 })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(rows(app).nth(1)).toBeFocused();
  await app.keyboard.press('Control+f');
  await expect(app.getByRole('searchbox')).toBeFocused();
});

test('details of a Slack login with two workspaces: each by name, beside the list', async ({ app, stack, shot }) => {
  withSlackAndDrops(stack, []);
  await connect(app);
  await app.getByRole('searchbox').fill('slack');
  await openDetails(app, /^Slack/, 'Alex Rivera');
  const details = app.getByRole('complementary');
  await expect(details.locator('.details-network')).toContainText('Slack');
  const workspaces = details.getByRole('region', { name: 'Accounts of this login' }).getByRole('listitem');
  await expect(workspaces).toHaveText([/Slack \(Acme Inc\)/, /Slack \(Acme Labs\)/]);
  await expect(details.getByRole('button', { name: 'Log in again…' })).toBeVisible();
  await expect(details.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  // List and details side by side.
  const list = await app.locator('.accounts-list').boundingBox();
  const pane = await details.boundingBox();
  expect(pane!.x).toBeGreaterThan(list!.x + list!.width - 1);
  await shot('82-details-slack');
});

test('the timeline after the simulator drops an account and it comes back', async ({ app, stack, shot }) => {
  await connect(app);
  await app.getByRole('searchbox').fill('Person 42');
  await openDetails(app, /^Network 02/, 'Person 42');
  const details = app.getByRole('complementary');
  const timeline = details.getByRole('listitem');
  await expect(timeline).toHaveText([/First seen: Connected/]);
  const l = personLogin(stack, 42);
  stack.sim.core.state.setLoginStatus(l.bridgeID, l.loginID, 'needs_login', 'Signal was unlinked from your phone');
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(timeline.first()).toHaveText(/Needs login — Signal was unlinked from your phone/);
  await expect(details.getByText(/since \d/)).toBeVisible();
  await expect(details.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  stack.sim.core.state.setLoginStatus(l.bridgeID, l.loginID, 'connected');
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(timeline).toHaveText([/^.*Connected$/, /Needs login — Signal was unlinked/, /First seen: Connected/]);
  await expect(details.getByRole('button', { name: 'Log in again…' })).toBeVisible();
  await shot('83-details-timeline');
  // "Log in again…" says what it does; keeping it starts nothing.
  await details.getByRole('button', { name: 'Log in again…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Log in to Network 02 again?' });
  await expect(dialog).toContainText('Person 42 · +1 555 200 0041 is connected. Logging in again starts a new Network 02 login');
  await shot('84-log-in-again');
  await dialog.getByRole('button', { name: 'Keep it as it is' }).click();
  await expect(dialog).toBeHidden();
  expect([...stack.sim.core.logins.sessions.values()]).toEqual([]);
});

test.describe('320 CSS px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('search, filter and details reflow; details take the list’s place, Back returns to the row', async ({ app, stack, shot }) => {
    withSlackAndDrops(stack, [5]);
    await connect(app);
    await app.getByRole('searchbox').fill('acme');
    await expect(rows(app)).toHaveCount(1);
    await expectNoSidewaysScroll(app, 'search');
    await shot('85-narrow-search');
    await app.getByRole('searchbox').fill('');
    await app.getByRole('button', { name: 'Needs attention (1)' }).click();
    await expect(rows(app)).toHaveCount(1);
    await expectNoSidewaysScroll(app, 'needs attention');
    await shot('86-narrow-needs-attention');
    await rows(app).first().click();
    await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeHidden();
    await expect(app.getByRole('complementary').getByRole('button', { name: 'Reconnect' })).toBeVisible();
    await expectNoSidewaysScroll(app, 'details');
    await shot('87-narrow-details-needs-login');
    await app.getByRole('button', { name: 'Back to accounts' }).click();
    await expect(rows(app).first()).toBeFocused();
  });
});
