/**
 * `beeper-account-manager://` links, handled as the desktop shell handles them (same parser, same
 * launch logic): a reconnect link only opens a screen that asks, naming the account, and never
 * cancels a login in progress without the user's say.
 */
import { connect, expect, startAddingTelegram, test } from './fixtures.ts';

test('a reconnect link asks first, naming the account; Reconnect then starts it', async ({ app, stack, shot }) => {
  await connect(app);
  const login = [...stack.sim.core.state.logins.values()].find((l) => l.status === 'needs_login')!;
  await stack.host.openLink(`beeper-account-manager://reconnect/${login.bridgeID}/${login.loginID}`);
  await expect(app.getByRole('heading', { name: 'Reconnect Telegram · +1 555 010 0202?' })).toBeVisible();
  await shot('70-link-confirm');
  expect(stack.sim.core.logins.sessions.size).toBe(0);
  await app.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(app.getByText('Reconnect · Telegram')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
});

test('a link during a login in progress on that network: warned, and Cancel leaves the login running', async ({ app, stack }) => {
  await connect(app);
  await startAddingTelegram(app);
  const inProgress = [...stack.sim.core.logins.sessions.values()][0]!;

  const login = [...stack.sim.core.state.logins.values()].find((l) => l.status === 'needs_login')!;
  await stack.host.openLink(`beeper-account-manager://reconnect/${login.bridgeID}/${login.loginID}`);
  await expect(app.getByText('This stops the login to Telegram that is in progress.')).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  expect(inProgress.status).toBe('waiting_for_input');
  expect(stack.sim.core.logins.sessions.size).toBe(1);
});

test('an add link only opens a screen, even for a network with one way in, and never replaces a login in progress', async ({ app, stack, shot }) => {
  await connect(app);
  await app.getByRole('button', { name: 'Add account' }).click();
  // One way in: a click in the app starts it at once (the user chose it).
  await app.getByRole('button', { name: /Instagram/ }).click();
  await expect(app.getByRole('heading', { name: 'Sign in to Instagram', level: 1 })).toBeVisible();
  const inProgress = [...stack.sim.core.logins.sessions.values()][0]!;

  await stack.host.openLink('beeper-account-manager://add/local-instagram');
  await expect(app.getByRole('heading', { name: 'How do you want to connect Instagram?' })).toBeVisible();
  await expect(app.getByText(/A login to Instagram is already in progress/)).toBeVisible();
  await shot('71-add-link-login-in-progress');
  expect(stack.sim.core.logins.sessions.size).toBe(1);
  expect(inProgress.terminal).toBe(false);
  await app.getByRole('button', { name: 'Show the login in progress' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in to Instagram', level: 1 })).toBeVisible();
  expect(stack.sim.core.logins.sessions.size).toBe(1);
});

test('a link to an account that does not exist changes nothing', async ({ app, stack }) => {
  await connect(app);
  await stack.host.openLink('beeper-account-manager://reconnect/local-telegram/ba_nobody');
  await expect(app.getByRole('heading', { name: 'Account not found' })).toBeVisible();
  expect(stack.sim.core.logins.sessions.size).toBe(0);
});
