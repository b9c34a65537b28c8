/** Reconnect, remove, cancel, Beeper Desktop going away, and a keyboard-only flow. */
import { PROFILES } from '../../simulator/index.ts';
import { connect, expect, openDetails, phoneActs, startAddingTelegram, test } from './fixtures.ts';

// Reconnecting reads what the server says about logins and accounts: against each server profile.
for (const profile of PROFILES) test.describe(`${profile} profile`, () => {
  test.use({ profile });

  test('reconnect the seeded account that needs login, from its row', async ({ app, shot }) => {
    await connect(app);
    const row = app.getByRole('region', { name: /Telegram/ }).getByRole('listitem').first();
    await expect(row.getByText('Needs login')).toBeVisible();
    await row.getByRole('button', { name: 'Reconnect Alex Rivera on Telegram' }).click();

    await expect(app.getByText('Reconnect · Telegram')).toBeVisible();
    // Whose account it is, above the step: the phone to pick up.
    await expect(app.locator('.session-who')).toContainText(/Alex Rivera · \+1 555 010/);
    await expect(app.getByRole('heading', { name: 'Enter the code' })).toBeVisible(); // the stored phone number is reused
    await shot('40-reconnect-code');
    await app.getByLabel('Code').fill('12345');
    await app.getByRole('button', { name: 'Continue' }).click();
    await app.getByLabel('Password', { exact: true }).fill('correct horse');
    await app.getByRole('button', { name: 'Continue' }).click();
    await expect(app.getByRole('heading', { name: 'Telegram is reconnected' })).toBeVisible();
    await app.getByRole('button', { name: 'Done' }).click();

    await expect(app.getByRole('heading', { name: /needs? attention/ })).toHaveCount(0);
    await expect(app.getByRole('region', { name: /Telegram/ }).getByText('Connected')).toBeVisible();
  });
});

test('remove a login with a chosen scope, from its details: the dialog names each workspace that goes', async ({ app, shot }) => {
  await connect(app);
  await openDetails(app, /^Slack/, 'Alex Rivera');
  await app.getByRole('button', { name: 'Remove…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Remove Alex Rivera?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Slack · @alex.rivera')).toBeVisible();
  await expect(dialog.getByText(/This removes its 2 accounts — Slack \(Acme Inc\) and Slack \(Acme Labs\) — with their chats in Beeper\./)).toBeVisible();
  await dialog.getByRole('radio', { name: /Log out everywhere/ }).check();
  await shot('41-remove-dialog');
  await dialog.getByRole('button', { name: 'Log out everywhere' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Alex Rivera was removed from Slack.')).toBeVisible();
  await expect(app.getByRole('region', { name: /Slack/ })).toHaveCount(0);
  await expect(app.getByRole('complementary')).toHaveCount(0);
});

test('the remove dialog can be dismissed with Escape, keeping the account and its details', async ({ app }) => {
  await connect(app);
  await openDetails(app, /^WhatsApp/, 'Alex Rivera');
  await app.getByRole('button', { name: 'Remove…' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByRole('radio')).toHaveCount(1); // WhatsApp allows only "this device"
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('complementary')).toBeVisible();
  await expect(app.getByRole('region', { name: /WhatsApp/ })).toBeVisible();
});

test('cancel in the middle of a flow really cancels it, and goes straight back to the network picker', async ({ app, stack, shot }) => {
  await connect(app);
  await app.getByRole('button', { name: 'Add account' }).click();
  await app.getByRole('button', { name: /Signal/ }).click();
  await expect(app.getByRole('img', { name: 'QR code to scan with Signal' })).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Add an account', level: 1 })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'Adding Signal was cancelled.' })).toBeVisible();
  await shot('50-cancelled');
  await expect.poll(() => [...stack.sim.core.logins.sessions.values()].map((s) => s.status)).toEqual(['cancelled']);
});

test('cancel a reconnect: back to the accounts at once, the session ended on the server', async ({ app, stack }) => {
  await connect(app);
  await openDetails(app, /^WhatsApp/, 'Alex Rivera');
  await app.getByRole('button', { name: 'Log in again…' }).click();
  await app.getByRole('dialog', { name: 'Log in to WhatsApp again?' }).getByRole('button', { name: 'Log in again' }).click();
  await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: 'Reconnecting WhatsApp was cancelled.' })).toBeVisible();
  await expect.poll(() => [...stack.sim.core.logins.sessions.values()].map((s) => s.status)).toEqual(['cancelled']);
});

test('Beeper Desktop stopping mid-flow shows a clear error, and everything recovers when it returns', async ({ app, stack, shot }) => {
  await connect(app);
  await startAddingTelegram(app);
  await app.getByLabel('Phone number', { exact: true }).fill('+12015550111');

  await stack.sim.stopAPI();
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Could not connect Telegram' })).toBeVisible();
  await expect(app.getByText('Beeper Desktop stopped while connecting. Start again once it is running.')).toBeVisible();
  await expect(app.getByRole('alert').filter({ hasText: 'Your accounts are shown as they were last seen;' })).toBeVisible();
  await shot('51-desktop-gone');

  await stack.sim.startAPI();
  await expect(app.getByText(/Your accounts are shown as they were last seen/)).toHaveCount(0);
  await app.getByRole('button', { name: 'Start again' }).click();
  await expect(app.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
  await app.getByLabel('Phone number', { exact: true }).fill('+12015550111');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
});

test('keyboard only: add Signal and finish, with focus on each new step', async ({ app, stack }) => {
  await connect(app);
  const focused = () => app.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  // From the account list: Tab to "Add account" and press Enter.
  for (let i = 0; i < 15 && (await focused()) !== 'Add account'; i++) await app.keyboard.press('Tab');
  expect(await focused()).toBe('Add account');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Add an account' })).toBeFocused();
  for (let i = 0; i < 15 && !(await focused()).startsWith('Signal'); i++) await app.keyboard.press('Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Scan the QR code' })).toBeFocused();
  await phoneActs(stack, 'local-signal');
  await expect(app.getByRole('heading', { name: 'Signal is connected' })).toBeFocused();
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  expect(await focused()).toBe('Done');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('region', { name: /Signal/ })).toBeVisible();
});

test('keyboard only: a form flow (Telegram) with Enter to submit', async ({ app }) => {
  await connect(app);
  await app.getByRole('button', { name: 'Add account' }).focus();
  await app.keyboard.press('Enter');
  await app.getByRole('button', { name: /Telegram/ }).focus();
  await app.keyboard.press('Enter');
  // The flow choice is a radio group: arrow keys move, Enter submits the form.
  await app.getByRole('radio', { name: /Phone Number/ }).focus();
  await app.keyboard.press('Enter');
  // Wait for the step: until then "Phone number" also names the flow picker's radio button.
  await expect(app.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
  await expect(app.getByLabel('Phone number')).toBeFocused();
  await app.keyboard.type('+12015550123');
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Code')).toBeFocused();
  await app.keyboard.type('12345');
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Password', { exact: true })).toBeFocused();
  await app.keyboard.type('correct horse');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Telegram is connected' })).toBeFocused();
});

test('settings: where Beeper Desktop is, how the sign-in is stored, and updates', async ({ app, shot }) => {
  await connect(app);
  await app.getByRole('button', { name: 'Settings' }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByText(/^Connected to http:\/\/127\.0\.0\.1:\d+\./)).toBeVisible();
  // Said as a person would, never by the storage backend's internal name (preview-key).
  await expect(dialog.getByText('It is stored encrypted on this computer.', { exact: false })).toBeVisible();
  await expect(dialog.getByText(/preview-key/)).toHaveCount(0);
  await expect(dialog.getByText('This build does not update itself.')).toBeVisible();
  await expect(dialog.getByRole('checkbox')).toHaveCount(0); // the browser preview has no tray or login item
  await shot('70-settings-preview');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
});

test.describe('settings in the desktop shell', () => {
  test.use({ stackOptions: { desktopShell: true, simConfig: { oauthAutoApprove: true }, rediscoverMs: 250 } });
  test('toggles the tray, login-item and notification settings', async ({ app, stack, shot }) => {
    await connect(app);
    await app.getByRole('button', { name: 'Settings' }).click();
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    const startAtLogin = dialog.getByRole('checkbox', { name: /Start when I log in/ });
    await expect(startAtLogin).not.toBeChecked();
    await startAtLogin.check();
    await expect.poll(() => stack.core.settings.get('startAtLogin')).toBe(true);
    await dialog.getByRole('checkbox', { name: /Notify me/ }).uncheck();
    await expect.poll(() => stack.core.settings.get('notifications')).toBe(false);
    await expect(dialog.getByRole('checkbox', { name: /Notify me/ })).not.toBeChecked();
    await shot('71-settings-desktop');
  });
});

test.describe('settings in a development build of the desktop shell', () => {
  test.use({ stackOptions: { desktopShell: true, startAtLogin: false, simConfig: { oauthAutoApprove: true }, rediscoverMs: 250 } });
  test('does not show a start-at-login switch that could do nothing', async ({ app }) => {
    await connect(app);
    await app.getByRole('button', { name: 'Settings' }).click();
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('checkbox', { name: /Notify me/ })).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /Start when I log in/ })).toHaveCount(0);
  });
});

test('Escape closes Settings and the Remove dialog, and focus goes back to the button that opened each', async ({ app }) => {
  await connect(app);
  const settings = app.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(settings).toBeFocused();

  await openDetails(app, /^WhatsApp/, 'Alex Rivera');
  const remove = app.getByRole('button', { name: 'Remove…' });
  await remove.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(remove).toBeFocused();
});

test('a login waiting for input when Beeper Desktop restarts is shown as ended once it is back, with Start again', async ({ app, stack }) => {
  await connect(app);
  await startAddingTelegram(app);
  await app.getByRole('button', { name: 'Beeper Account Manager' }).click();
  await expect(app.getByRole('region', { name: 'Logins in progress' }).getByText('Adding Telegram')).toBeVisible();
  await stack.sim.stopAPI();
  await app.getByRole('button', { name: 'Refresh' }).click(); // the next refresh finds it gone
  await expect(app.getByRole('alert').filter({ hasText: 'what needs Beeper Desktop is off' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Add account' })).toBeDisabled();
  await stack.sim.startAPI();
  const inProgress = app.getByRole('region', { name: 'Logins in progress' });
  await expect(inProgress.getByText(/Ended: This login attempt has expired/)).toBeVisible();
  await expect(app.getByRole('alert')).toHaveCount(0);
  await inProgress.getByRole('button', { name: 'Start adding Telegram again' }).click();
  await expect(app.getByRole('heading', { name: 'How do you want to connect Telegram?' }).or(app.getByRole('heading', { name: 'Enter your phone number' }))).toBeVisible();
});

test('a phone number typed without its country: read in the chosen country, checked here, sent in E.164; “Use another number” goes back', async ({ app, stack, shot }) => {
  await connect(app);
  await startAddingTelegram(app);
  const country = app.getByLabel('Country');
  await expect(country).toHaveValue('US'); // Chromium's language here: en-US
  await country.selectOption('DE');
  const number = app.getByLabel('Phone number', { exact: true });
  await number.fill('0151 123');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(app.locator('.field-error')).toHaveText('That is not a valid number for Germany. Check the digits and the country.');
  await expect(number).toBeFocused();
  await shot('96-phone-invalid');
  await number.fill('0151 12345678');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
  await app.getByRole('button', { name: 'Use another number' }).click();
  await expect(app.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
  await expect(number).toBeFocused();
  // The same login again, ended on the server before the new one started.
  await expect.poll(() => [...stack.sim.core.logins.sessions.values()].map((s) => s.status)).toEqual(['cancelled', 'waiting_for_input']);
  await app.getByLabel('Country').selectOption('DE');
  await number.fill('0151 76543210');
  await app.getByRole('button', { name: 'Continue' }).click();
  await app.getByLabel('Code').fill('12345');
  await app.getByRole('button', { name: 'Continue' }).click();
  await app.getByLabel('Password', { exact: true }).fill('correct horse');
  await app.getByRole('button', { name: 'Continue' }).click();
  await expect(app.getByRole('heading', { name: 'Telegram is connected' })).toBeVisible();
  // Beeper Desktop was sent the number in E.164; the list writes it the international way (a German number, a US reader).
  await app.getByRole('button', { name: 'Done' }).click();
  await expect(app.getByRole('region', { name: /Telegram/ }).getByText('+49 1517 6543210')).toBeVisible();
  const sim = (await fetch(`${stack.sim.controlURL}/__sim/state`).then((r) => r.json())) as { accounts: Array<{ user?: { phoneNumber?: string } }> };
  expect(sim.accounts.map((a) => a.user?.phoneNumber)).toContain('+4915176543210');
});
