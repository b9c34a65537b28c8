/**
 * Reflow (WCAG 1.4.10): from 320 CSS px wide — 200% zoom of a 640 px window — nothing scrolls
 * sideways, on every screen, in light and dark. Each screen is photographed at that width.
 */
import { connect, expect, expectNoSidewaysScroll, test } from './fixtures.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`320 CSS px wide, ${colorScheme}`, () => {
    test.use({ viewport: { width: 320, height: 640 }, colorScheme });

    test('every screen reflows: connect, accounts, settings, add account, a login, remove', async ({ app, shot }) => {
      await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
      await expectNoSidewaysScroll(app, 'connect');
      await shot(`70-narrow-connect-${colorScheme}`);

      await connect(app);
      await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(app, 'accounts');
      await shot(`71-narrow-accounts-${colorScheme}`);

      // The header is one line; its actions fold into a menu.
      const header = await app.locator('header.topbar').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(64);
      await expect(app.getByRole('button', { name: 'Settings' })).toBeHidden();
      const menu = app.getByRole('button', { name: 'Menu' });
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await expectNoSidewaysScroll(app, 'header menu');
      await app.keyboard.press('Escape');
      await expect(app.getByRole('button', { name: 'Settings' })).toBeHidden();
      await expect(menu).toBeFocused();
      await menu.click();
      await app.getByRole('button', { name: 'Settings' }).click();
      await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await expectNoSidewaysScroll(app, 'settings');
      await shot(`72-narrow-settings-${colorScheme}`);
      await app.keyboard.press('Escape');

      // Details take the list's place, with the way back.
      await app.getByRole('region', { name: /^Slack/ }).getByRole('button', { name: /^Alex Rivera/ }).click();
      await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeHidden();
      await expect(app.getByRole('complementary').getByRole('heading', { name: 'Alex Rivera', level: 2 })).toBeFocused();
      await expectNoSidewaysScroll(app, 'details');
      await shot(`76-narrow-details-${colorScheme}`);
      await app.getByRole('button', { name: 'Remove…' }).click();
      await expect(app.getByRole('dialog')).toBeVisible();
      await expectNoSidewaysScroll(app, 'remove');
      await app.keyboard.press('Escape');
      await app.getByRole('button', { name: 'Back to accounts' }).click();
      await expect(app.getByRole('region', { name: /^Slack/ }).getByRole('button', { name: /^Alex Rivera/ })).toBeFocused();

      await app.getByRole('button', { name: 'Add account' }).click();
      await expect(app.getByRole('heading', { name: 'Add an account', level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(app, 'add account');
      await shot(`73-narrow-add-account-${colorScheme}`);

      await app.getByRole('button', { name: /WhatsApp/ }).click();
      await expect(app.getByRole('heading', { name: 'How do you want to connect WhatsApp?' })).toBeVisible();
      await expectNoSidewaysScroll(app, 'login methods');
      await app.getByRole('button', { name: 'Continue' }).click();
      await expect(app.getByRole('img', { name: /QR code/ })).toBeVisible();
      await expectNoSidewaysScroll(app, 'QR login');
      await shot(`74-narrow-qr-${colorScheme}`);
    });
  });
}

test.describe('320 CSS px wide, Beeper Desktop not running', () => {
  test.use({ viewport: { width: 320, height: 640 }, stackOptions: { simStopped: true, simConfig: { timeScale: 0.05, oauthAutoApprove: true }, rediscoverMs: 250 } });
  test('the not-running screen with its other-address form reflows', async ({ app, shot }) => {
    await expect(app.getByRole('heading', { name: 'Beeper Desktop is not running' })).toBeVisible();
    await app.getByText('Beeper Desktop uses another address').click();
    await expectNoSidewaysScroll(app, 'not running');
    await shot('75-narrow-not-running');
  });
});

test.describe('320 CSS px wide, a phone number step', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the country, the number and its error reflow; the error stays with its field', async ({ app, shot }) => {
    await connect(app);
    await app.getByRole('button', { name: 'Add account' }).click();
    await app.getByRole('button', { name: /Telegram/ }).click();
    await app.getByRole('button', { name: 'Continue' }).click();
    await expect(app.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
    await app.getByLabel('Phone number', { exact: true }).fill('555 123 4567');
    await app.getByRole('button', { name: 'Continue' }).click();
    await expect(app.locator('.field-error')).toHaveText('That is not a valid number for United States. Check the digits and the country.');
    await expectNoSidewaysScroll(app, 'phone');
    await shot('77-narrow-phone');
  });
});
