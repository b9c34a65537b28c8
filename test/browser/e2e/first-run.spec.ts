/** First run: Beeper Desktop not running, then started; connecting through the approve page. */
import { connect, expect, test } from './fixtures.ts';

test.describe('first run', () => {
  test.use({ stackOptions: { simStopped: true, simConfig: { timeScale: 0.05, oauthAutoApprove: false }, rediscoverMs: 250 } });

  test('waits for Beeper Desktop, then connects through its approval page', async ({ app, stack, shot }) => {
    await expect(app.getByRole('heading', { name: 'Beeper Desktop is not running' })).toBeVisible();
    await expect(app.getByText('Settings → Developers', { exact: true })).toBeVisible();
    await expect(app.getByText(`Looked at ${stack.sim.url}`)).toBeVisible();
    await shot('01-not-running');

    await stack.sim.startAPI();
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    await shot('02-connect');

    const popup = app.context().waitForEvent('page');
    await app.getByRole('button', { name: 'Connect', exact: true }).click();
    const tab = await popup;
    await expect(tab.getByRole('heading', { name: 'Allow access to Beeper?' })).toBeVisible();
    await expect(app.getByText('Waiting for you to approve in your browser…')).toBeVisible();
    // In case a popup blocker stopped the new tab, the same page is offered as a link.
    await expect(app.getByRole('link', { name: 'Open the approval page' })).toHaveAttribute('href', /\/oauth\/authorize\?client_id=/);
    await shot('03-waiting-for-approval');
    await tab.getByRole('button', { name: 'Approve' }).click();
    await expect(tab.getByRole('heading', { name: 'Connected' })).toBeVisible();
    await tab.close();

    await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await expect(app.getByRole('heading', { name: '1 account needs attention' })).toBeVisible();
    await expect(app.getByRole('heading', { name: /WhatsApp/ })).toBeVisible();
    await shot('04-accounts');
  });

  test('another address typed while the app keeps looking stays as typed, open and focused, and is used', async ({ app, stack }) => {
    await expect(app.getByRole('heading', { name: 'Beeper Desktop is not running' })).toBeVisible();
    await app.getByText('Beeper Desktop uses another address').click();
    const field = app.getByLabel('API address');
    await field.clear();
    await field.pressSequentially('http://127.0.0.1:', { delay: 50 });
    // The app looks again every 250 ms here: several searches pass while the user types.
    const searched = stack.core.snapshot().connection.checkedAt;
    await expect.poll(() => stack.core.snapshot().connection.checkedAt).not.toBe(searched);
    await app.waitForTimeout(1_000);
    await field.pressSequentially(String(stack.sim.port), { delay: 50 });
    await expect(field).toHaveValue(`http://127.0.0.1:${stack.sim.port}`);
    await expect(field).toBeFocused();
    await expect(app.locator('details.disclosure')).toHaveAttribute('open', '');
    await app.getByRole('button', { name: 'Use this address' }).click();
    await expect.poll(() => stack.core.snapshot().connection.configuredURL).toBe(`http://127.0.0.1:${stack.sim.port}`);
    await stack.sim.startAPI();
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    expect(stack.core.snapshot().connection.baseURL).toBe(`http://127.0.0.1:${stack.sim.port}`);
  });

  test('says so when the approval is denied, and can connect with a pasted token instead', async ({ app, stack }) => {
    await stack.sim.startAPI();
    const popup = app.context().waitForEvent('page');
    await app.getByRole('button', { name: 'Connect', exact: true }).click();
    const tab = await popup;
    await tab.getByRole('button', { name: 'Deny' }).click();
    // Close the tab only once it has followed the redirect back to the app, as a person would.
    await expect(tab.getByRole('heading', { name: 'Not connected' })).toBeVisible();
    await tab.close();
    await expect(app.getByRole('alert').filter({ hasText: 'Access was denied in Beeper Desktop.' })).toBeVisible();

    await app.getByText('Paste an access token instead').click();
    await app.getByLabel('Access token', { exact: true }).fill('wrong-token-value');
    await app.getByRole('button', { name: 'Use token' }).click();
    await expect(app.getByRole('alert').filter({ hasText: 'Beeper Desktop does not accept that token.' })).toBeVisible();
    await app.getByLabel('Access token', { exact: true }).fill(stack.sim.mintToken());
    await app.getByRole('button', { name: 'Use token' }).click();
    await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  });
});

test.describe('signed out, Beeper Desktop comes and goes', () => {
  test.use({ stackOptions: { simConfig: { timeScale: 0.05, oauthAutoApprove: false }, rediscoverMs: 250 } });

  test('its quitting is noticed without a click, and Connect waits for it to be back', async ({ app, stack }) => {
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    await stack.sim.stopAPI();
    await expect(app.getByRole('heading', { name: 'Beeper Desktop is not running' })).toBeVisible();
    await stack.sim.startAPI();
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
  });

  test('quitting while the user approves ends the wait, saying so', async ({ app, stack }) => {
    const popup = app.context().waitForEvent('page');
    await app.getByRole('button', { name: 'Connect', exact: true }).click();
    await (await popup).close();
    await expect(app.getByText('Waiting for you to approve in your browser…')).toBeVisible();
    await stack.sim.stopAPI();
    await expect(app.getByRole('heading', { name: 'Beeper Desktop is not running' })).toBeVisible();
    await expect.poll(() => stack.core.snapshot().auth.reason?.message).toMatch(/stopped while you were approving/);
    await stack.sim.startAPI();
    await expect(app.getByText('Beeper Desktop stopped while you were approving. Start it again, then connect.')).toBeVisible();
  });
});

test.describe('Beeper Desktop signed out', () => {
  test.use({ stackOptions: { simConfig: { appState: 'needs-login', oauthAutoApprove: true }, rediscoverMs: 250 } });

  test('asks to sign in to Beeper Desktop first, and continues once it is ready', async ({ app, stack, shot }) => {
    await expect(app.getByRole('heading', { name: 'Sign in to Beeper Desktop first' })).toBeVisible();
    await shot('05-desktop-signed-out');
    await expect(app.getByRole('button', { name: 'Check again' })).toBeVisible();
    stack.sim.core.config.appState = 'ready';
    // No click needed: the app keeps checking and moves on by itself.
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    await connect(app);
  });
});

test.describe('sign-in expired', () => {
  test('asks to connect again when Beeper Desktop stops accepting the sign-in', async ({ app, stack, shot }) => {
    await connect(app);
    for (const t of stack.sim.core.state.tokens.values()) t.revoked = true;
    await app.getByRole('button', { name: 'Refresh' }).click();
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop again' })).toBeVisible();
    await expect(app.getByRole('alert').filter({ hasText: 'no longer accepts' })).toBeVisible();
    await shot('06-connect-again');
  });
});
