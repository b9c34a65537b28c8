/**
 * A newer Beeper Desktop (the simulator's `future` profile): a step type, a session status and a
 * display type this app has never seen, and a 403 with a code it does not know. Every screen stays
 * usable, nothing is shown as a crash, and no session is left running (the fixture checks
 * `/__sim/state` after each test).
 */
import type { Page } from '@playwright/test';
import { connect, expect, phoneActs, test } from './fixtures.ts';

test.use({ profile: 'future' });

async function startBluesky(app: Page, flow: RegExp): Promise<void> {
  await connect(app);
  await app.getByRole('button', { name: 'Add account' }).click();
  await app.getByRole('button', { name: /Bluesky/ }).click();
  await app.getByRole('radio', { name: flow }).check();
  await app.getByRole('button', { name: 'Continue' }).click();
}

test('accounts of a newer server are listed; values this app does not know are not shown as errors', async ({ app, shot }) => {
  await connect(app);
  const bluesky = app.getByRole('region', { name: /Bluesky/ });
  await expect(bluesky).toBeVisible();
  await expect(bluesky.getByRole('listitem').first()).toBeVisible();
  // Its login's status is a value this app does not know: said plainly, and it can still be reconnected.
  await expect(bluesky.getByText('Status unknown')).toBeVisible();
  await expect(app.getByRole('region', { name: /Telegram/ }).getByText('Needs login')).toBeVisible();
  await shot('60-future-accounts');
  await bluesky.getByRole('listitem').first().getByRole('button').first().click();
  await expect(app.getByRole('complementary').getByRole('button', { name: 'Log in again…' })).toBeVisible();
});

test('a step type it does not know: finish in Beeper Desktop or cancel; cancelling ends it on the server', async ({ app, stack, shot }) => {
  await startBluesky(app, /Passkey/);
  await expect(app.getByRole('heading', { name: 'Finish connecting Bluesky in Beeper Desktop' })).toBeVisible();
  await expect(app.getByText('Confirm with the passkey saved for your Bluesky account.')).toBeVisible();
  await expect(app.getByText('Step: webauthn')).toBeVisible();
  await shot('61-future-unknown-step');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Add an account', level: 1 })).toBeVisible();
  await expect.poll(() => [...stack.sim.core.logins.sessions.values()].map((s) => s.status)).toEqual(['cancelled']);
});

test('a step it does not know that finishes elsewhere: the screen follows to the end', async ({ app, stack }) => {
  await startBluesky(app, /Passkey/);
  await expect(app.getByRole('heading', { name: 'Finish connecting Bluesky in Beeper Desktop' })).toBeVisible();
  await phoneActs(stack, 'local-bluesky');
  await expect(app.getByRole('heading', { name: 'Bluesky is connected' })).toBeVisible({ timeout: 10_000 });
});

test('a display type it does not know: the instructions and a clear notice, and the login still completes', async ({ app, stack, shot }) => {
  await startBluesky(app, /Tap your phone/);
  await expect(app.getByText('Hold your phone next to this computer until it vibrates.')).toBeVisible();
  await expect(app.getByText(/cannot show the kind of display that Beeper Desktop asked for here/)).toBeVisible();
  await shot('62-future-unknown-display');
  await phoneActs(stack, 'local-bluesky');
  await expect(app.getByRole('heading', { name: 'Bluesky is connected' })).toBeVisible();
});

test('a 403 with a code it has never seen shows the server’s message, not "connect again"', async ({ app, shot }) => {
  await startBluesky(app, /Invite code/);
  await expect(app.getByRole('heading', { name: 'Could not connect Bluesky' })).toBeVisible();
  await expect(app.getByRole('alert').getByText('Bluesky is invite-only for now. You are on the waitlist.')).toBeVisible();
  await expect(app.getByText(/approve all permissions/)).toHaveCount(0);
  await shot('63-future-unknown-403');
});
