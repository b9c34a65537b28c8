/**
 * Reconnect all, in Chromium against the simulator: three accounts need login (WhatsApp, Telegram,
 * Signal); WhatsApp's login fails, Telegram is skipped, Signal is reconnected; the summary says so,
 * and nothing is left running on the server (the fixture checks that after every test).
 */
import type { Stack } from '../../host/stack.ts';
import { signal } from '../../simulator/bridges/messaging.ts';
import { phoneIdentity } from '../../simulator/bridges/messaging.ts';
import { PROFILES } from '../../simulator/index.ts';
import { connect, expect, phoneActs, test } from './fixtures.ts';

function threeNeedLogin(stack: Stack): void {
  const state = stack.sim.core.state;
  state.completeLogin(signal, phoneIdentity('+15550100303', { fullName: 'Alex Rivera' }));
  for (const l of [...state.logins.values()].filter((x) => x.bridgeID === 'local-whatsapp' || x.bridgeID === 'local-signal')) {
    state.setLoginStatus(l.bridgeID, l.loginID, 'needs_login', 'Unlinked from your phone');
  }
}

/** The simulator ends the running login on this bridge, as a code that ran out. */
async function expire(stack: Stack, bridgeID: string): Promise<void> {
  const live = await fetch(`${stack.sim.url}/__sim/bridges/${bridgeID}/session`).then((r) => r.json() as Promise<{ loginSessionID: string }>);
  const res = await fetch(`${stack.sim.url}/__sim/sessions/${live.loginSessionID}/expire`, { method: 'POST' });
  expect(res.status).toBe(200);
}

// What the queue reads (which accounts need login, and whose they are) comes from the server: against each profile.
for (const profile of PROFILES) test.describe(`${profile} profile`, () => {
  test.use({ profile });

  test('reconnect all: one fails, one skipped, one reconnected; the summary says which', async ({ app, stack, shot }) => {
    threeNeedLogin(stack);
    await connect(app);
    await app.getByRole('button', { name: 'Reconnect all (3)' }).click();

    const bar = app.getByRole('group', { name: 'Reconnect all' });
    await expect(bar).toContainText('1 of 3 · WhatsApp · Alex Rivera');
    await expect(app.locator('.session-who')).toContainText('Alex Rivera');
    await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
    await shot('90-reconnect-all-first');
    await expire(stack, 'local-whatsapp');

    await expect(bar).toContainText('2 of 3 · Telegram · Alex Rivera');
    await expect(app.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
    await bar.getByRole('button', { name: 'Skip' }).click();

    await expect(bar).toContainText('3 of 3 · Signal · Alex Rivera');
    await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
    await phoneActs(stack, 'local-signal');

    await expect(app.getByRole('heading', { name: 'Reconnect all: done' })).toBeVisible();
    await expect(app.getByText('1 of 3 reconnected.')).toBeVisible();
    const lines = app.locator('.queue-summary li');
    await expect(lines).toHaveText([/WhatsApp.*Could not reconnect: /, /Telegram.*Skipped/, /Signal.*Reconnected/]);
    await shot('91-reconnect-all-summary');
    // Nothing of the queue is left running on the server.
    await expect.poll(() => [...stack.sim.core.logins.sessions.values()].filter((s) => !s.terminal).length).toBe(0);
    await app.getByRole('button', { name: 'Done' }).click();
    await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await expect(app.getByRole('button', { name: /Reconnect all/ })).toHaveCount(1); // WhatsApp and Telegram still need it
  });
});

test('Stop ends the login in progress on the server and leaves the rest', async ({ app, stack }) => {
  threeNeedLogin(stack);
  await connect(app);
  await app.getByRole('button', { name: 'Reconnect all (3)' }).click();
  const bar = app.getByRole('group', { name: 'Reconnect all' });
  await expect(bar).toContainText('1 of 3');
  await bar.getByRole('button', { name: 'Stop' }).click();
  await expect(app.getByRole('heading', { name: 'Reconnect all: done' })).toBeVisible();
  await expect(app.locator('.queue-summary li')).toHaveText([/Skipped/, /Not reached/, /Not reached/]);
  await expect.poll(() => [...stack.sim.core.logins.sessions.values()].map((s) => s.status)).toEqual(['cancelled']);
});

test.describe('320 CSS px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the queue’s bar and summary reflow', async ({ app, stack, shot }) => {
    threeNeedLogin(stack);
    await connect(app);
    await app.getByRole('button', { name: 'Reconnect all (3)' }).click();
    await expect(app.getByRole('group', { name: 'Reconnect all' })).toContainText('1 of 3');
    await shot('92-narrow-reconnect-all');
    await app.getByRole('button', { name: 'Stop' }).click();
    await expect(app.getByRole('heading', { name: 'Reconnect all: done' })).toBeVisible();
    await shot('93-narrow-reconnect-all-summary');
  });
});
