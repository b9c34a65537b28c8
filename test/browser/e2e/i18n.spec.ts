/**
 * The window in German and in the two pseudo-locales, as a browser set to that language opens it:
 * every screen walked by the words of that language's catalogue (a key missing from a screen, or a
 * sentence left in English, fails the walk), photographed at 320 CSS px in light and dark, checked
 * by axe-core, nothing scrolling sideways (to the left either, in right-to-left). Then the language
 * switched in Settings, applied at once.
 */
import type { Page } from '@playwright/test';
import { loadTranslator } from '../../../preload/contract/i18n/catalogues.ts';
import { resolveLocale } from '../../../preload/contract/i18n/locales.ts';
import type { Translator } from '../../../preload/contract/i18n/translator.ts';
import { signal, phoneIdentity } from '../../simulator/bridges/messaging.ts';
import { expect, expectNoSidewaysScroll, test } from './fixtures.ts';

async function connectIn(page: Page, L: Translator): Promise<void> {
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: L.t('connect.connect'), exact: true }).click();
  const tab = await popup;
  await expect(tab.getByRole('heading', { name: L.t('oauth.connected') })).toBeVisible();
  await tab.close();
  await expect(page.getByRole('heading', { name: L.t('accounts.title'), level: 1 })).toBeVisible();
}





for (const locale of ['de-DE', 'en-XA', 'ar-XB'] as const) {
  test.describe(`in ${locale}, 320 CSS px wide`, () => {
    test.use({ locale, viewport: { width: 320, height: 640 } });
    /** This language's words, to find each control by; and the name its screenshots carry. */
    const words = (): Promise<Translator> => loadTranslator(resolveLocale('system', [locale]));
    const tag = locale.toLowerCase();

    test('every screen speaks the language and fits: connect, accounts, details, remove, settings, add account, a login', async ({ app, shot }) => {
      const L = await words();
      await expect(app.locator('html')).toHaveAttribute('lang', L.locale);
      await expect(app.locator('html')).toHaveAttribute('dir', L.dir);

      await expect(app.getByRole('heading', { name: L.t('connect.title') })).toBeVisible();
      await expectNoSidewaysScroll(app, 'connect');
      await shot(`100-${tag}-connect`);

      await connectIn(app, L);
      await expect(app.getByRole('button', { name: L.t('accounts.add') })).toBeVisible();
      await expectNoSidewaysScroll(app, 'accounts');
      await shot(`101-${tag}-accounts`);

      await app.getByRole('region', { name: /^Slack/ }).getByRole('button', { name: /^Alex Rivera/ }).click();
      await expect(app.getByRole('heading', { name: L.t('details.history'), level: 3 })).toBeVisible();
      await expectNoSidewaysScroll(app, 'details');
      await shot(`102-${tag}-details`);
      await app.getByRole('button', { name: L.t('details.remove') }).click();
      await expect(app.getByRole('dialog', { name: L.t('remove.title', { name: 'Alex Rivera' }) })).toBeVisible();
      await expectNoSidewaysScroll(app, 'remove');
      await shot(`103-${tag}-remove`);
      await app.keyboard.press('Escape');
      await app.getByRole('button', { name: L.t('details.back') }).click();

      await app.getByRole('button', { name: L.t('app.menu') }).click();
      await app.getByRole('button', { name: L.t('app.settings') }).click();
      await expect(app.getByRole('dialog', { name: L.t('settings.title') })).toBeVisible();
      await expect(app.getByRole('combobox', { name: L.t('settings.language') })).toHaveValue('system');
      await expectNoSidewaysScroll(app, 'settings');
      await shot(`104-${tag}-settings`);
      await app.keyboard.press('Escape');

      await app.getByRole('button', { name: L.t('accounts.add') }).click();
      await expect(app.getByRole('heading', { name: L.t('add.title'), level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(app, 'add account');
      await shot(`105-${tag}-add-account`);

      await app.getByRole('button', { name: /Telegram/ }).first().click();
      await expect(app.getByRole('heading', { name: L.t('add.howConnect', { network: 'Telegram' }) })).toBeVisible();
      await expectNoSidewaysScroll(app, 'login methods');
      await app.getByRole('button', { name: L.t('common.continue') }).click();
      await expect(app.getByRole('heading', { name: L.t('step.phone') })).toBeVisible();
      await expect(app.getByRole('combobox', { name: L.t('phone.country') })).toBeVisible();
      await expectNoSidewaysScroll(app, 'a login');
      await shot(`106-${tag}-login-phone`);
      await app.getByRole('button', { name: L.t('common.cancel') }).click();
      await expect(app.getByRole('heading', { name: L.t('add.title'), level: 1 })).toBeVisible();
    });

    test('Telegram start to finish (a wrong code on the way), WhatsApp’s QR, and Beeper Desktop stopping mid-login', async ({ app, stack, shot }) => {
      const L = await words();
      const next = () => app.getByRole('button', { name: L.t('common.continue') }).click();
      await connectIn(app, L);
      await app.getByRole('button', { name: L.t('accounts.add') }).click();
      await app.getByRole('button', { name: /Telegram/ }).first().click();
      await next();
      await app.getByLabel('Phone number').fill('+1 201 555 0142');
      await next();
      await expect(app.getByRole('heading', { name: L.t('step.code') })).toBeVisible();
      await app.getByLabel('Code').fill('11111');
      await next();
      await expect(app.getByRole('alert').filter({ hasText: 'Incorrect code' })).toBeVisible(); // the network's own words
      await expectNoSidewaysScroll(app, 'wrong code');
      await shot(`107-${tag}-wrong-code`);
      await app.getByLabel('Code').fill('12345');
      await next();
      await expect(app.getByRole('heading', { name: L.t('step.password') })).toBeVisible();
      await app.getByLabel('Password', { exact: true }).fill('correct horse');
      await expect(app.getByRole('button', { name: L.t('common.showNamed', { name: 'Password' }) })).toBeVisible();
      await next();
      await expect(app.getByRole('heading', { name: L.t('session.connected', { network: 'Telegram' }) })).toBeVisible();
      await expectNoSidewaysScroll(app, 'connected');
      await shot(`108-${tag}-connected`);
      await app.getByRole('button', { name: L.t('session.addAnother') }).click();

      await app.getByRole('button', { name: /WhatsApp/ }).first().click();
      await app.getByRole('radio', { name: /QR/ }).check();
      await next();
      await expect(app.getByRole('img', { name: L.t('display.qrAlt', { network: 'WhatsApp' }) })).toBeVisible();
      await expect(app.locator('.guidance')).toContainText(L.t('guide.waLinked'));
      await expectNoSidewaysScroll(app, 'QR');
      await shot(`109-${tag}-qr`);
      await app.getByRole('button', { name: L.t('common.cancel') }).click();

      await app.getByRole('button', { name: /Telegram/ }).first().click();
      await next();
      await app.getByLabel('Phone number').fill('+1 201 555 0143');
      await stack.sim.stopAPI();
      await next();
      await expect(app.getByRole('heading', { name: L.t('session.failed', { network: 'Telegram' }) })).toBeVisible();
      await expect(app.getByText(L.t('error.stoppedWhileConnecting'))).toBeVisible(); // main's words, in the language
      // The banner's sentence around main's reason ("… is not reachable"), both in the language.
      const banner = app.locator('#desktop-gone');
      const [before, after] = L.t('banner.desktopGone', { reason: '\u0000' }).split('\u0000');
      await expect(banner).toContainText(after!.trim().slice(0, 20));
      if (before!.trim()) await expect(banner).toContainText(before!.trim());
      await expectNoSidewaysScroll(app, 'Beeper Desktop gone');
      await shot(`110-${tag}-desktop-gone`);
      await stack.sim.startAPI();
      await expect(app.locator('#desktop-gone')).toHaveCount(0);
      await app.getByRole('button', { name: L.t('common.startAgain') }).click();
      await expect(app.getByRole('heading', { name: L.t('step.phone') })).toBeVisible();
      await app.getByRole('button', { name: L.t('common.cancel') }).click();
    });

    test('a link that asks first, Reconnect all with its queue and summary, and Help', async ({ app, stack, shot }) => {
      const L = await words();
      const state = stack.sim.core.state;
      state.completeLogin(signal, phoneIdentity('+15550100303', { fullName: 'Alex Rivera' }));
      for (const l of [...state.logins.values()].filter((x) => x.bridgeID === 'local-signal')) state.setLoginStatus(l.bridgeID, l.loginID, 'needs_login', 'Unlinked from your phone');
      await connectIn(app, L);

      const telegram = [...state.logins.values()].find((l) => l.bridgeID === 'local-telegram')!;
      await stack.host.openLink(`beeper-account-manager://reconnect/${telegram.bridgeID}/${telegram.loginID}`);
      await expect(app.getByText(L.t('confirm.body'))).toBeVisible();
      await expectNoSidewaysScroll(app, 'link');
      await shot(`111-${tag}-link-confirm`);
      await app.getByRole('button', { name: L.t('common.cancel') }).click();

      await app.getByRole('button', { name: L.t('accounts.reconnectAll', { count: 2 }) }).click();
      const bar = app.getByRole('group', { name: L.t('all.title') });
      await expect(bar).toContainText(L.t('all.position', { at: 1, total: 2 }));
      await expectNoSidewaysScroll(app, 'reconnect all');
      await shot(`112-${tag}-reconnect-all`);
      await bar.getByRole('button', { name: L.t('all.skip') }).click();
      await expect(bar).toContainText(L.t('all.position', { at: 2, total: 2 }));
      await bar.getByRole('button', { name: L.t('all.stop') }).click();
      await expect(app.getByRole('heading', { name: L.t('all.finished') })).toBeVisible();
      await expect(app.getByText(L.t('all.done', { done: 0, total: 2 }))).toBeVisible();
      await expectNoSidewaysScroll(app, 'reconnect all summary');
      await shot(`113-${tag}-reconnect-all-summary`);
      await app.getByRole('button', { name: L.t('common.done') }).click();

      await app.getByRole('button', { name: L.t('app.menu') }).click();
      await app.getByRole('button', { name: L.t('app.settings') }).click();
      const help = app.getByRole('region', { name: L.t('settings.help') }).or(app.locator('section').filter({ has: app.getByRole('heading', { name: L.t('settings.help') }) }));
      await help.getByRole('button', { name: L.t('settings.copyDiagnostics') }).scrollIntoViewIfNeeded();
      await expectNoSidewaysScroll(app, 'help');
      await shot(`114-${tag}-settings-help`);
    });

    test.describe('a long list', () => {
      test.use({ stackOptions: { seed: 'large:200', simStopped: true, simConfig: { timeScale: 0.05, oauthAutoApprove: true }, rediscoverMs: 250 } });

      test('Beeper Desktop not running at first, the token form, search and the attention filter, Log in again, and a cookie step', async ({ app, stack, shot }) => {
        const L = await words();
        await expect(app.getByRole('heading', { name: L.t('connect.notRunning') })).toBeVisible();
        await app.getByText(L.t('connect.otherAddress')).click();
        await expectNoSidewaysScroll(app, 'not running');
        await shot(`115-${tag}-not-running`);
        await stack.sim.startAPI();
        await expect(app.getByRole('heading', { name: L.t('connect.title') })).toBeVisible();
        await app.getByText(L.t('connect.pasteToken')).click();
        await expect(app.getByLabel(L.t('connect.token'), { exact: true })).toBeVisible();
        await expectNoSidewaysScroll(app, 'token form');
        await shot(`116-${tag}-token-form`);
        await connectIn(app, L);

        await app.getByRole('searchbox', { name: L.t('accounts.search') }).fill('Person 42');
        await expect(app.getByRole('button', { name: /^Person 42/ }).first()).toBeVisible();
        await expectNoSidewaysScroll(app, 'search');
        await shot(`117-${tag}-search`);
        await app.getByRole('searchbox', { name: L.t('accounts.search') }).fill('');
        const attention = app.getByRole('search').getByRole('button');
        await expect(attention).toHaveText(L.t('accounts.attentionFilter', { count: stack.core.accounts.view().needsAttention.length }));
        await attention.click();
        await expect(attention).toHaveAttribute('aria-pressed', 'true');
        await expectNoSidewaysScroll(app, 'needs attention');
        await shot(`118-${tag}-needs-attention`);
        await attention.click();

        await app.getByRole('searchbox', { name: L.t('accounts.search') }).fill('Person 42');
        await app.getByRole('button', { name: /^Person 42/ }).first().click();
        await app.getByRole('button', { name: L.t('details.logInAgain') }).click();
        await expect(app.getByRole('dialog')).toContainText(L.t('details.againHint'));
        await expectNoSidewaysScroll(app, 'log in again');
        await shot(`119-${tag}-log-in-again`);
        await app.getByRole('button', { name: L.t('details.againKeep') }).click();
        await app.getByRole('button', { name: L.t('details.back') }).click();

        await app.getByRole('button', { name: L.t('accounts.add') }).click();
        await app.getByRole('searchbox', { name: L.t('add.search') }).fill('Google');
        await app.getByRole('button', { name: /Google Messages/ }).first().click();
        await app.getByRole('radio', { name: /Google Account/ }).check();
        await app.getByRole('button', { name: L.t('common.continue') }).click();
        await expect(app.getByRole('heading', { name: L.t('step.signIn', { network: 'Google Messages' }) })).toBeVisible();
        await expectNoSidewaysScroll(app, 'cookies');
        await shot(`120-${tag}-cookies`);
        await app.getByRole('button', { name: L.t('common.cancel') }).click();
      });
    });
  });
}

test.describe('choosing the language in Settings', () => {
  test.use({ locale: 'en-US' });

  test('applies at once, keeps the dialog where it is, and goes back to the system’s', async ({ app, stack }) => {
    await expect(app.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    const popup = app.context().waitForEvent('page');
    await app.getByRole('button', { name: 'Connect', exact: true }).click();
    await (await popup).close();
    await expect(app.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await app.getByRole('button', { name: 'Settings' }).click();
    const language = app.getByRole('combobox', { name: 'Language' });
    await language.selectOption('de');
    await expect(app.getByRole('dialog', { name: 'Einstellungen' })).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
    await expect(app.locator('html')).toHaveAttribute('lang', 'de');
    // Main speaks it too: what the core words itself (here, the tray's first line) is in German.
    const { trayStatusLine } = await import('../../../main/policy/tray.ts');
    const snap = stack.core.snapshot();
    expect(trayStatusLine({ connection: snap.connection, auth: snap.auth, accounts: snap.accounts, updater: { status: 'idle' } })).toMatch(/Konten|Konto/);
    await app.getByRole('combobox', { name: 'Sprache' }).selectOption('system');
    await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });
});
