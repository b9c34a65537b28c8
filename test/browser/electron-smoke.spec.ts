/**
 * Launches the real Electron app against the simulator: the window opens, connects with a pasted
 * token, lists the accounts, the tray menu model matches, and quitting ends the process cleanly. Skips, saying why, where no Electron
 * binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD, as in CI here) or there is no display.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../simulator/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = path.join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

test('the Electron app opens, connects, lists accounts and builds its tray menu', async () => {
  const bin = electronBinary();
  test.skip(!bin, 'No Electron binary is installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or not downloaded yet): run `npx install-electron` with internet access to enable this test.');
  test.skip(process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'], 'No display: run the tests under xvfb-run to launch Electron.');
  test.skip(!existsSync(path.join(root, 'out/main/index.js')), 'The app is not built: run `npm run build` first.');

  const sim = await startSimulator({ port: 0 });
  const userData = mkdtempSync(path.join(os.tmpdir(), 'bam-electron-'));
  const app = await electron.launch({
    executablePath: bin!,
    args: [path.join(root, 'out/main/index.js'), '--no-sandbox'],
    env: { ...process.env, BEEPER_DESKTOP_BASE_URL: sim.url, BAM_USER_DATA_DIR: userData, BAM_E2E: '1' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Connect to Beeper Desktop' })).toBeVisible({ timeout: 15_000 });
    expect(await window.evaluate(() => typeof (window as unknown as Record<string, unknown>)['require'])).toBe('undefined'); // no Node in the page
    await window.getByText('Paste an access token instead').click();
    await window.getByLabel('Access token', { exact: true }).fill(sim.mintToken());
    await window.getByRole('button', { name: 'Use token' }).click();
    await expect(window.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await expect(window.getByRole('heading', { name: '1 account needs attention' })).toBeVisible();
    const menu = await app.evaluate(() => (globalThis as unknown as { __bamTrayMenu: () => Array<{ label?: string }> }).__bamTrayMenu());
    expect(menu[0]!.label).toBe('1 account needs attention');
    expect(menu.some((i) => i.label === 'Reconnect account')).toBe(true);

    // Quit as the tray's Quit does: the process ends by itself, with status 0.
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await exited).toBe(0);
  } finally {
    await app.close().catch(() => undefined);
    await sim.stop();
    rmSync(userData, { recursive: true, force: true });
  }
});
