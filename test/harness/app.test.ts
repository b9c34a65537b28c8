/**
 * The whole app, run as one program in the Electron emulation (./launch-app.ts): the main
 * process from source, the real preload and renderer bundles in Chromium, the simulator as
 * Beeper Desktop. Tests act only as a user would — in the window, on the tray, on a
 * notification, in the system browser — and through the OS fakes.
 */
import { expect as pw } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, INVOKE } from '../../preload/contract/channels.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { launchApp, startMachine, type LaunchOptions, type Machine, type RunningApp } from './launch-app.ts';

vi.mock('electron', () => import('./electron-module.ts'));
vi.mock('electron-updater', () => import('./electron-updater-module.ts'));

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let machine: Machine;
let sim: Simulator;
let running: RunningApp | null = null;

const SIM_CONFIG = { timeScale: 0.05, oauthAutoApprove: false };
beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: SIM_CONFIG });
});
// Each test is a new computer (profile, keyring, clipboard) and a freshly seeded Beeper Desktop.
beforeEach(async () => {
  sim.reset('default', SIM_CONFIG);
  machine = await startMachine();
});
afterEach(async () => {
  await running?.quit();
  running = null;
  await machine.close();
});
afterAll(async () => {
  await sim?.stop();
});

async function launch(o: Omit<LaunchOptions, 'baseURL'> = {}): Promise<RunningApp> {
  running = await launchApp(machine, { baseURL: sim.url, ...o });
  return running;
}

/** Connect, then Approve in the system browser the app opened. */
async function connect(app: RunningApp): Promise<void> {
  const approval = app.nextBrowserPage();
  await app.page.getByRole('button', { name: 'Connect', exact: true }).click();
  const tab = await approval;
  await tab.getByRole('button', { name: 'Approve' }).click();
  await pw(tab.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await tab.close();
  await pw(app.page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
}

describe('first start', () => {
  it('connects through the system browser and lists the accounts; the token stays in main, encrypted', async () => {
    const app = await launch();
    // The very first launch of the run: Chromium starts cold, beside the other suites.
    await pw(app.page.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible({ timeout: 15_000 });
    await connect(app);
    await pw(app.page.getByRole('heading', { name: /WhatsApp/ })).toBeVisible();
    await pw(app.page.getByRole('heading', { name: '1 account needs attention' })).toBeVisible();
    expect(app.electron.externalLinks[0]).toMatch(new RegExp(`^${sim.url}/oauth/authorize\\?`));

    // The page got the contract's methods, frozen, and nothing of Electron or Node.
    const exposed = await app.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w['beeperAccountManager'] as Record<string, unknown>;
      return { methods: Object.keys(api).sort(), frozen: Object.isFrozen(api), require: typeof w['require'], process: typeof w['process'], ipc: typeof w['__bamElectronIpc'] };
    });
    expect(exposed).toEqual({ methods: [...Object.keys(INVOKE), 'on'].sort(), frozen: true, require: 'undefined', process: 'undefined', ipc: 'undefined' });

    // On disk: encrypted with the (emulated) keyring, never the token itself.
    const credentials = readFileSync(path.join(machine.userData, 'credentials.json'), 'utf8');
    expect(JSON.parse(credentials)).toMatchObject({ token: { backend: 'gnome_libsecret', baseURL: sim.url } });
    for (const token of sim.core.state.tokens.keys()) expect(credentials).not.toContain(token);
    expect(app.electron.deprecatedCalls).toEqual([]);

    // Quit and start again on the same computer: still signed in, straight to the accounts.
    await app.quit();
    const again = await launch();
    await pw(again.page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await pw(again.page.getByRole('heading', { name: /WhatsApp/ })).toBeVisible();
    expect(again.electron.deprecatedCalls).toEqual([]);
  });
});

describe('the window', () => {
  it('a refused request reaches the window with its message; the page cannot listen outside the contract', async () => {
    const app = await launch();
    await app.page.getByText('Paste an access token instead').click();
    await app.page.getByLabel('Access token', { exact: true }).fill('not-a-valid-token');
    await app.page.getByRole('button', { name: 'Use token' }).click();
    // Crossing the context bridge keeps an error's message (and nothing else, as in Electron).
    await pw(app.page.getByRole('alert').filter({ hasText: 'Beeper Desktop does not accept that token.' })).toBeVisible();
    const subscribed = await app.page.evaluate(() => {
      const api = (window as unknown as { beeperAccountManager: { on(e: string, l: () => void): unknown } }).beeperAccountManager;
      try {
        api.on('ipc.anything', () => undefined);
        return 'subscribed';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(subscribed).toBe('Unknown event ipc.anything');
  });

  it('its code carries nothing of the browser preview: no host socket, no boot script (the preload asks for the first state)', async () => {
    await launch();
    const dir = path.resolve(import.meta.dirname, '../../out/renderer/assets');
    const code = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    expect(code.length).toBeGreaterThan(5);
    expect(code.filter((c) => /bam-host-key|\/ipc\?key=/.test(c))).toEqual([]);
    expect(code.some((c) => c.includes(API_KEY))).toBe(true); // it looks for the preload's API instead
  });

  it('is served by the app:// handler with its CSP: an injected inline script does not run', async () => {
    const app = await launch();
    expect(app.window.webContents.getURL()).toBe('app://bundle/index.html');
    const ran = await app.page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran).toBe(false);
  });

  it('its CSP lets a captcha’s audio play from data: and blob: URLs, and nothing remote', async () => {
    const app = await launch();
    const outcome = await app.page.evaluate(async () => {
      // A valid 8 kHz mono 8-bit WAV of 800 samples (0.1 s of silence).
      const samples = 800;
      const bytes = new Uint8Array(44 + samples);
      const view = new DataView(bytes.buffer);
      const text = (at: number, t: string) => [...t].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
      text(0, 'RIFF'); view.setUint32(4, 36 + samples, true); text(8, 'WAVEfmt '); view.setUint32(16, 16, true);
      view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, 8000, true); view.setUint32(28, 8000, true);
      view.setUint16(32, 1, true); view.setUint16(34, 8, true); text(36, 'data'); view.setUint32(40, samples, true);
      bytes.fill(128, 44);
      const dataURL = `data:audio/wav;base64,${btoa(String.fromCharCode(...bytes))}`;
      const blobURL = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI.slice(0, 5)}`));
      const load = (src: string) =>
        new Promise<string>((resolve) => {
          const audio = document.createElement('audio');
          audio.addEventListener('loadedmetadata', () => resolve('loaded'), { once: true });
          audio.addEventListener('error', () => resolve('refused'), { once: true });
          setTimeout(() => resolve('timeout'), 5_000);
          audio.src = src;
          document.body.append(audio);
        });
      return { data: await load(dataURL), blob: await load(blobURL), remote: await load('https://media.example/captcha.wav'), violations: [...new Set(violations)] };
    });
    expect(outcome).toEqual({ data: 'loaded', blob: 'loaded', remote: 'refused', violations: ['media-src https'] });
  });

  it('adds Telegram: phone, code, 2FA password, then listed as connected', async () => {
    const app = await launch();
    await connect(app);
    const page = app.page;
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: /Telegram/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
    await page.getByLabel('Phone number').fill('+12015550142');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
    await page.getByLabel('Code').fill('12345');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Enter your password' })).toBeVisible();
    await page.getByLabel('Password', { exact: true }).fill('correct horse');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Telegram is connected' })).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    const telegram = page.getByRole('region', { name: /Telegram/ });
    await pw(telegram.getByRole('listitem').filter({ hasText: '(201) 555-0142' }).getByText('Connected')).toBeVisible();
  });

  it('"Copy code" puts the pairing code on the clipboard (the app allows exactly that permission)', async () => {
    const app = await launch();
    await connect(app);
    const page = app.page;
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('button', { name: /WhatsApp/ }).click();
    await page.getByRole('radio', { name: /Pairing code/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Enter your phone number' })).toBeVisible();
    await page.getByLabel('Phone number').fill('+12015550199');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.getByRole('heading', { name: 'Enter this code on your phone' })).toBeVisible();
    const shown = (await page.getByLabel(/^Pairing code/).textContent())!.replace(/\s/g, '');
    await page.getByRole('button', { name: 'Copy code' }).click();
    await pw(page.getByText('Copied')).toBeVisible();
    expect(await readClipboard()).toBe(shown);
    // Reading it back is a permission the app never grants.
    const read = await page.evaluate(() => navigator.clipboard.readText().then(() => 'read', (e: Error) => e.name));
    expect(read).toBe('NotAllowedError');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});

/** What the system clipboard holds, read from a page of the system browser. */
async function readClipboard(): Promise<string> {
  const page = await machine.systemBrowser.newPage();
  try {
    await machine.systemBrowser.grantPermissions(['clipboard-read'], { origin: sim.url });
    await page.goto(`${sim.url}/`).catch(() => undefined);
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

/** The app connected and listing WhatsApp; then WhatsApp needs login on the server (nothing told the app yet). */
async function connectedThenWhatsAppDrops(): Promise<RunningApp> {
  return connectedThenWhatsAppDropsWith({});
}

async function connectedThenWhatsAppDropsWith(o: Omit<LaunchOptions, 'baseURL'>): Promise<RunningApp> {
  const app = await launch(o);
  await connect(app);
  await pw(app.page.getByRole('heading', { name: /WhatsApp/ })).toBeVisible();
  const login = [...sim.core.state.logins.values()].find((l) => l.bridgeID === 'local-whatsapp')!;
  await fetch(`${sim.controlURL}/__sim/logins/local-whatsapp/${login.loginID}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'needs_login' }) });
  return app;
}

describe('the tray and notifications', () => {
  it('"Reconnect account" in the tray shows the window on that account\'s reconnect step', async () => {
    const app = await launch();
    await connect(app);
    app.window.hide();
    await vi.waitFor(() => expect(app.tray().labels()).toContain('  ⚠ Telegram: Alex Rivera'));
    app.tray().click('Reconnect account', '⚠ Telegram: Alex Rivera');
    await pw(app.page.getByText('Reconnect · Telegram')).toBeVisible();
    await pw(app.page.getByRole('heading', { name: 'Enter the code' })).toBeVisible();
    expect(app.window.isVisible()).toBe(true);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('one reconnect, one session: the tray, then the window, for the same WhatsApp account keep the QR being scanned', async () => {
    const app = await launch();
    await connect(app);
    await vi.waitFor(() => expect(app.tray().labels()).toContain('  WhatsApp: Alex Rivera'));
    app.tray().click('Reconnect account', 'WhatsApp: Alex Rivera');
    const qr = app.page.getByRole('img', { name: /QR code/ });
    await pw(qr).toBeVisible();
    const shown = await qr.getAttribute('src');
    const live = () => [...sim.core.logins.sessions.values()].filter((x) => !x.terminal);
    expect(live()).toHaveLength(1);
    const first = live()[0]!;
    // The user goes back to the list and asks its details to log in again to the same account.
    await app.page.getByRole('button', { name: 'Beeper Account Manager' }).click();
    await app.page.getByRole('region', { name: /^WhatsApp/ }).getByRole('button', { name: /^Alex Rivera/ }).click();
    await app.page.getByRole('button', { name: 'Log in again…' }).click();
    await app.page.getByRole('dialog', { name: 'Log in to WhatsApp again?' }).getByRole('button', { name: 'Log in again' }).click();
    await pw(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toBe(shown);
    expect(live()).toEqual([first]);
    expect([...sim.core.logins.sessions.values()]).toHaveLength(1);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('"Reconnect all (2)" in the tray shows the window on the first of them, with the queue\'s bar; Stop ends it on the server', async () => {
    const app = await connectedThenWhatsAppDrops();
    await app.page.getByRole('button', { name: 'Refresh' }).click();
    await vi.waitFor(() => expect(app.tray().labels()).toContain('  Reconnect all (2)'));
    app.tray().click('Reconnect account', 'Reconnect all (2)');
    const bar = app.page.getByRole('group', { name: 'Reconnect all' });
    await pw(bar).toContainText('1 of 2 · WhatsApp · Alex Rivera');
    expect(app.window.isVisible()).toBe(true);
    await bar.getByRole('button', { name: 'Stop' }).click();
    await pw(app.page.getByRole('heading', { name: 'Reconnect all: done' })).toBeVisible();
    await vi.waitFor(() => expect([...sim.core.logins.sessions.values()].every((x) => x.terminal)).toBe(true));
  });

  it('focusing the window shows an account that dropped at once, and the tray agrees with the window', async () => {
    const app = await connectedThenWhatsAppDrops();
    await new Promise((r) => setTimeout(r, 5_100)); // past the focus refresh's minimum gap
    app.window.focus(); // no click on Refresh: the user only brings the window forward
    await pw(app.page.getByRole('heading', { name: '2 accounts need attention' })).toBeVisible();
    await vi.waitFor(() => expect(app.tray().labels()).toContain('  ⚠ WhatsApp: Alex Rivera'));
  });

  it('an account that needs login again: one notification; clicking it opens its reconnect flow', async () => {
    const app = await connectedThenWhatsAppDrops();
    await app.page.getByRole('button', { name: 'Refresh' }).click();
    await vi.waitFor(() => expect(app.electron.notifications.map((n) => n.title)).toEqual(['WhatsApp needs you to log in again']));
    await app.page.getByRole('button', { name: 'Refresh' }).click();
    await pw(app.page.getByRole('heading', { name: '2 accounts need attention' })).toBeVisible();
    expect(app.electron.notifications).toHaveLength(1); // still broken: not announced again

    app.window.hide();
    app.electron.notifications[0]!.click();
    await pw(app.page.getByText('Reconnect · WhatsApp')).toBeVisible();
    expect(app.window.isVisible()).toBe(true);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('closing the window hides it to the tray; with close-to-tray off, closing quits', async () => {
    const app = await launch();
    await pw(app.page.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible();
    expect(app.window.close()).toBe(false);
    expect(app.window.isVisible()).toBe(false);
    expect(app.electron.app.state).toBe('ready');
    app.tray().click('Open Account Manager');
    expect(app.window.isVisible()).toBe(true);

    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByRole('checkbox', { name: /Keep running in the tray/ }).uncheck();
    await vi.waitFor(() => expect(JSON.parse(readFileSync(path.join(machine.userData, 'settings.json'), 'utf8'))).toMatchObject({ closeToTray: false }));
    expect(app.window.close()).toBe(true);
    expect(app.electron.app.state).toBe('quit');
  });

  it('restart to update: the tray checks, the window offers the restart, and the updater installs', async () => {
    const app = await launch();
    app.electron.autoUpdater.next = { version: '0.2.0' };
    app.tray().click('Check for updates');
    await pw(app.page.getByRole('region', { name: 'Update' })).toContainText('Version 0.2.0 of Beeper Account Manager is ready.');
    await vi.waitFor(() => expect(app.tray().labels()).toContain('Restart to update (0.2.0)'));
    await app.page.getByRole('button', { name: 'Restart to update' }).click();
    await vi.waitFor(() => expect(app.electron.autoUpdater.installs).toEqual([{ isSilent: false, isForceRunAfter: true }]));
    expect(app.electron.app.state).toBe('quit');
  });
});

describe('resting in the tray', () => {
  /** No main window and no renderer page left: what a window closed to the tray costs after its grace period. */
  const rested = async (app: RunningApp): Promise<void> => {
    await vi.waitFor(() => expect(app.mainWindow()).toBeNull(), { timeout: 10_000 });
    await vi.waitFor(() => expect([...app.electron.pages.keys()].filter((p) => !p.isClosed())).toEqual([]));
  };

  it('closed to the tray past the grace period: no window, no renderer; reopened on the same login in progress, drawn before shown', async () => {
    const app = await launch({ packaged: false, env: { BAM_WINDOW_GRACE_MS: '1500' } });
    await connect(app);
    await vi.waitFor(() => expect(app.tray().labels()).toContain('  WhatsApp: Alex Rivera'));
    app.tray().click('Reconnect account', 'WhatsApp: Alex Rivera');
    await pw(app.page.getByRole('img', { name: /QR code/ })).toBeVisible();
    const live = () => [...sim.core.logins.sessions.values()].filter((x) => !x.terminal);
    const session = live()[0]!;

    expect(app.window.close()).toBe(false); // to the tray
    await rested(app);
    expect(app.electron.app.state).toBe('ready');
    expect(live()).toEqual([session]); // main kept the login going

    app.tray().click('Open Account Manager');
    const win = await app.shownWindow();
    // The moment it shows, it shows the login: no empty or loading screen first.
    expect(await win.webContents.livePage.getByRole('img', { name: /QR code/ }).count()).toBe(1);
    expect(await win.webContents.livePage.getByText('Reconnect · WhatsApp').count()).toBe(1);
    expect(live()).toEqual([session]);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a folded section comes back too; a notification or a link opens a new window on its flow', async () => {
    const app = await connectedThenWhatsAppDropsWith({ packaged: false, env: { BAM_WINDOW_GRACE_MS: '1000' } });
    await app.page.getByRole('button', { name: 'Refresh' }).click();
    await vi.waitFor(() => expect(app.electron.notifications).toHaveLength(1));
    await app.page.getByRole('button', { name: /Telegram/, expanded: true }).click(); // fold Telegram
    expect(app.window.close()).toBe(false);
    await rested(app);

    app.electron.notifications[0]!.click();
    await app.shownWindow();
    await pw(app.page.getByText('Reconnect · WhatsApp')).toBeVisible();
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByRole('button', { name: 'Beeper Account Manager' }).click();
    await pw(app.page.getByRole('button', { name: /Telegram/, expanded: false })).toBeVisible();

    expect(app.window.close()).toBe(false);
    await rested(app);
    app.electron.app.secondInstance(['/opt/Beeper Account Manager/beeper-account-manager', 'beeper-account-manager://add/local-signal']);
    await app.shownWindow();
    await pw(app.page.getByRole('heading', { name: /Signal/ })).toBeVisible();
  });
});

describe('launches and links', () => {
  it('starts hidden in the tray with --hidden, with no window at all; a second launch with a link shows that flow', async () => {
    const app = await launch({ argv: ['--hidden'] });
    await vi.waitFor(() => expect(app.tray().labels()).toContain('Open Account Manager'));
    expect(app.mainWindow()).toBeNull();
    expect(app.electron.pages.size).toBe(0); // no renderer process
    app.tray().click('Open Account Manager');
    await app.shownWindow();
    await connect(app);
    app.electron.app.secondInstance(['/opt/Beeper Account Manager/beeper-account-manager', 'beeper-account-manager://add/local-telegram']);
    await pw(app.page.getByRole('heading', { name: 'How do you want to connect Telegram?' })).toBeVisible();
    expect(app.window.isVisible()).toBe(true);
  });

  it('a page that tries to open a window or navigate away stays put; the link opens in the system browser', async () => {
    const app = await launch();
    await app.page.evaluate(() => window.open('https://www.beeper.com/help', '_blank'));
    await vi.waitFor(() => expect(app.electron.externalLinks).toEqual(['https://www.beeper.com/help']));
    await app.page.evaluate(() => (location.href = 'https://www.beeper.com/download'));
    await vi.waitFor(() => expect(app.electron.externalLinks).toEqual(['https://www.beeper.com/help', 'https://www.beeper.com/download']));
    expect(app.window.webContents.getURL()).toBe('app://bundle/index.html');
    expect(app.electron.windows).toHaveLength(1);
    await vi.waitFor(() => expect(app.page.context().pages()).toEqual([app.page])); // the would-be window was closed
  });
});
