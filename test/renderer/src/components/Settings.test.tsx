// @vitest-environment happy-dom
/** renderer/src/components/Settings.tsx: the switches this host supports, the address, the sign-in's storage, updates. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { english } from '../../../support/i18n.ts';
import { TOGGLE_SETTINGS, toggleDefaults } from '../../../../preload/contract/settings.ts';
import type { AppSnapshot, UpdaterView } from '../../../../preload/contract/views.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { snapshot } from '../../../support/views.ts';

afterEach(cleanup);

async function openSettings(s: AppSnapshot) {
  const r = await renderApp(s);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { ...r, dialog: screen.getByRole('dialog', { name: 'Settings' }) };
}
const shell = { captureWindow: true, desktopShell: true, startAtLogin: true };
const updater = (u: Partial<UpdaterView>): UpdaterView => ({ ...snapshot().updater, ...u });

describe('SettingsDialog', () => {
  it('closing it puts focus back on the Settings button', async () => {
    await renderApp(snapshot());
    const opener = screen.getByRole('button', { name: 'Settings' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('shows every switch the host supports, labelled from the registry', async () => {
    const { dialog } = await openSettings(snapshot({ capabilities: shell }));
    expect(within(dialog).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(Object.values(TOGGLE_SETTINGS).map((t) => english.t(t.label) + (t.hint ? english.t(t.hint) : '')));
  });

  it('hides the switches that could do nothing: no shell, or no start at login in this build', async () => {
    const browser = await openSettings(snapshot());
    expect(within(browser.dialog).queryAllByRole('checkbox')).toEqual([]);
    cleanup();
    const dev = await openSettings(snapshot({ capabilities: { ...shell, startAtLogin: false } }));
    expect(within(dev.dialog).queryByRole('checkbox', { name: new RegExp(english.t(TOGGLE_SETTINGS.startAtLogin.label)) })).toBeNull();
  });

  it('a switch sends its one change and shows it while main confirms', async () => {
    const { main, dialog } = await openSettings(snapshot({ capabilities: shell }));
    let confirm!: () => void;
    main.answer('settings.update', () => new Promise((resolve) => (confirm = () => resolve({ baseURL: null, ...toggleDefaults(), closeToTray: false, language: 'system', locale: { locale: 'en', catalogue: 'en', dir: 'ltr' }, allowPlaintextToken: false }))));
    const box = within(dialog).getByRole('checkbox', { name: new RegExp(english.t(TOGGLE_SETTINGS.closeToTray.label)) });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    expect((box as HTMLInputElement).checked).toBe(false);
    await waitFor(() => expect(main.callsTo('settings.update')).toEqual([{ closeToTray: false }]));
    confirm();
  });

  it('saves another address, or none to search automatically', async () => {
    const { main, dialog } = await openSettings(snapshot());
    main.answer('connection.setAddress', () => snapshot().connection);
    expect(within(dialog).getByText(/Connected to http:\/\/localhost:23373\./)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('API address'), { target: { value: 'http://127.0.0.1:23380' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(main.callsTo('connection.setAddress')).toEqual([{ baseURL: 'http://127.0.0.1:23380' }]));
  });

  it.each([
    ['encrypted', { backend: 'gnome_libsecret', needsConsent: false, persistent: true, summary: 'It is stored in your system’s keyring.' }, 'It is stored in your system’s keyring.', false],
    ['only until quit', { backend: 'memory', needsConsent: true, persistent: false, summary: 'It is kept only until you quit.' }, 'It is kept only until you quit.', true],
    ['unencrypted, as allowed', { backend: 'plaintext', needsConsent: false, persistent: true, summary: 'It is stored unencrypted, as you allowed.' }, 'It is stored unencrypted, as you allowed.', true],
  ])('says how the sign-in is kept: %s', async (_name, storage, sentence, offersSwitch) => {
    const base = snapshot();
    const { dialog } = await openSettings(snapshot({ auth: { ...base.auth, storage: { ...base.auth.storage, ...storage, reason: null } } }));
    expect(within(dialog).getByText(new RegExp(sentence.replace(/[().]/g, '\\$&')))).toBeTruthy();
    expect(within(dialog).queryByRole('checkbox', { name: /Keep me signed in without encryption/ }) !== null).toBe(offersSwitch);
  });

  it('Disconnect from Beeper Desktop: asked first, with what it means; Keep connected changes nothing', async () => {
    const { main, dialog } = await openSettings(snapshot());
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect from Beeper Desktop…' }));
    const question = within(dialog).getByRole('group', { name: /Disconnect this app from Beeper Desktop\? Your chat accounts stay connected/ });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep connected' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Keep connected' }));
    expect(main.callsTo('auth.signOut')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect from Beeper Desktop…' }));
    main.answer('auth.signOut', () => ({ ...snapshot().auth, status: 'signed-out' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(main.callsTo('auth.signOut')).toHaveLength(1));
  });

  it('Clear history: asked first; Keep it changes nothing; clearing says it was done', async () => {
    const { main, dialog } = await openSettings(snapshot());
    const section = within(dialog).getByRole('region', { name: 'Account history' });
    expect(section.textContent).toContain('Nothing you type into a login is kept.');
    fireEvent.click(within(section).getByRole('button', { name: 'Clear history…' }));
    const question = within(section).getByRole('group', { name: /Forget the history of every account\?/ });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Keep it' }));
    expect(main.callsTo('accounts.clearHistory')).toEqual([]);
    fireEvent.click(within(section).getByRole('button', { name: 'Clear history…' }));
    main.answer('accounts.clearHistory', () => null);
    fireEvent.click(within(section).getByRole('button', { name: 'Clear history' }));
    expect(await screen.findByText('The account history was cleared.')).toBeTruthy();
    expect(main.callsTo('accounts.clearHistory')).toHaveLength(1);
    // The question closes once the clearing has answered: the notice can be drawn first.
    expect(await within(section).findByRole('button', { name: 'Clear history…' })).toBeTruthy();
  });

  it('Help, in the preview: Copy diagnostics puts main’s report on the clipboard; Save downloads it; no logs folder to open', async () => {
    const { main, dialog } = await openSettings(snapshot());
    const help = within(dialog).getByRole('region', { name: 'Help' });
    expect(within(help).queryByRole('button', { name: 'Open logs folder' })).toBeNull();
    main.answer('help.diagnostics', () => ({ text: 'the report', fileName: 'report.txt' }));
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t: string) => (copied.push(t), Promise.resolve()) }, configurable: true });
    fireEvent.click(within(help).getByRole('button', { name: 'Copy diagnostics' }));
    expect(await screen.findByText('Diagnostics copied. Paste them into your message to support.')).toBeTruthy();
    expect(copied).toEqual(['the report']);
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    fireEvent.click(within(help).getByRole('button', { name: 'Save diagnostics report…' }));
    await waitFor(() => expect(clicked).toEqual(['report.txt']));
    click.mockRestore();
    expect(main.callsTo('help.saveDiagnostics')).toEqual([]);
  });

  it('Help, in the desktop shell: Save asks main for its save dialog; Open logs folder asks main', async () => {
    const { main, dialog } = await openSettings(snapshot({ capabilities: shell }));
    const help = within(dialog).getByRole('region', { name: 'Help' });
    main.answer('help.saveDiagnostics', () => ({ saved: true }));
    fireEvent.click(within(help).getByRole('button', { name: 'Save diagnostics report…' }));
    expect(await screen.findByText('Diagnostics report saved.')).toBeTruthy();
    main.answer('help.openLogs', () => null);
    fireEvent.click(within(help).getByRole('button', { name: 'Open logs folder' }));
    await waitFor(() => expect(main.callsTo('help.openLogs')).toHaveLength(1));
    expect(main.callsTo('help.diagnostics')).toEqual([]);
  });

  it('updates: shows main’s sentence; checks, or restarts when one is ready', async () => {
    const { main, dialog } = await openSettings(snapshot({ updater: updater({ status: 'up-to-date', summary: 'You have the latest version.' }) }));
    expect(within(dialog).getByText('You have the latest version.')).toBeTruthy();
    main.answer('updates.check', () => updater({ status: 'checking', summary: 'Checking for updates…' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check for updates' }));
    await waitFor(() => expect(main.callsTo('updates.check')).toHaveLength(1));
    cleanup();
    const ready = await openSettings(snapshot({ updater: updater({ status: 'ready', version: '1.2.0', summary: 'Version 1.2.0 is ready to install.' }) }));
    ready.main.answer('updates.restart', () => updater({ status: 'ready', version: '1.2.0', summary: 'Version 1.2.0 is ready to install.' }));
    fireEvent.click(within(ready.dialog).getByRole('button', { name: 'Restart to update' }));
    await waitFor(() => expect(ready.main.callsTo('updates.restart')).toHaveLength(1));
  });

  it('a build that does not update itself: the reason, and where to download', async () => {
    const { dialog } = await openSettings(snapshot({ updater: updater({ status: 'unsupported', summary: 'Installed by a package manager: update it there.', downloadURL: 'https://example.com/dl' }) }));
    expect(within(dialog).getByText('Installed by a package manager: update it there.')).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: 'Download the latest version' }).getAttribute('href')).toBe('https://example.com/dl');
    expect(within(dialog).queryByRole('button', { name: 'Check for updates' })).toBeNull();
  });
});
