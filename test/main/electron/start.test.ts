/**
 * main/electron/start.ts: the window is made before the rest of main loads, and what the start
 * may load is held here — the modules it reaches without a dynamic import() use no package but
 * Electron (zod, electron-store and the SDK cost most of main's start: bench figure 9).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';
import type { EarlyShell } from '../../../main/electron/compose.ts';
import { IpcRegistry } from '../../../main/core/ipc/registry.ts';
import { Logger } from '../../../main/core/log.ts';
import { staticImports } from '../../support/import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('what the start loads before the window', () => {
  it('no package but Electron: no zod, no electron-store, no SDK, no ICU formatter', () => {
    for (const entry of ['main/index.ts', 'main/electron/start.ts']) {
      const { packages, files } = staticImports(path.join(ROOT, entry));
      expect([...packages], entry).toEqual(['electron']);
      // and not the core's composition, whose import() comes after the window
      expect([...files].map((f) => path.relative(ROOT, f)), entry).not.toContain('main/electron/compose.ts');
    }
  });

  it('the check sees through re-exports and follows mixed imports, and skips type-only ones', () => {
    // compose.ts reaches the core, and with it zod and the SDK; its `import type`s alone would not.
    const { packages } = staticImports(path.join(ROOT, 'main/electron/compose.ts'));
    expect([...packages]).toEqual(expect.arrayContaining(['electron', 'zod', 'electron-store', '@beeper/desktop-api']));
    expect(staticImports(path.join(ROOT, 'main/electron/main-window.ts')).packages.has('zod')).toBe(false);
  });
});

const composed: EarlyShell[] = [];
let composeFails = false;
vi.mock('electron', () => import('../../support/fake-electron.ts'));
vi.mock('../../../main/electron/compose.ts', () => ({
  composeShell: (early: EarlyShell) => {
    // What the start has made when the rest of main begins to load.
    composed.push(early);
    if (composeFails) throw new Error('a broken build');
    return Promise.resolve();
  },
}));

describe('the start, in order', () => {
  let dir: string;
  beforeAll(() => {
    fake.resetFakes();
    dir = mkdtempSync(path.join(os.tmpdir(), 'bam-start-'));
    process.env['BAM_USER_DATA_DIR'] = dir;
  });
  afterAll(() => {
    delete process.env['BAM_USER_DATA_DIR'];
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the window and binds every channel before the rest of main loads; a message that comes early waits for it', async () => {
    const { runShell } = await import('../../../main/electron/start.ts');
    runShell({ preload: '/app/preload.cjs', renderer: path.join(dir, 'renderer'), icons: '/app/icons' });
    await vi.waitFor(() => expect(composed).toHaveLength(1));
    const early = composed[0]!;
    const win = early.window.current() as unknown as fake.BrowserWindow;
    expect(fake.BrowserWindow.instances).toEqual([win]);
    expect(win.loaded).toBe('app://bundle/index.html');

    const wc = win.webContents;
    const answer = fake.ipcMain.handlers.get('accounts.refresh')!({ sender: wc, senderFrame: wc.mainFrame }, undefined) as Promise<unknown>;
    let settled = false;
    void answer.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    const log = new Logger();
    const registry = new IpcRegistry({ log, isTrustedSender: () => true });
    const accounts = { networks: [], needsAttention: [], hasChatAccounts: false, lastRefreshedAt: null, refreshing: false, error: null };
    registry.handle('accounts.refresh', () => accounts);
    early.registryReady(registry);
    await expect(answer).resolves.toEqual({ ok: true, value: accounts });
  });
});

describe('the start, when the rest of main fails to load', () => {
  it('says so in the log, and a waiting message gets the error instead of waiting for ever', async () => {
    vi.resetModules();
    fake.resetFakes();
    composed.length = 0;
    composeFails = true;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bam-start-'));
    process.env['BAM_USER_DATA_DIR'] = dir;
    try {
      const { runShell } = await import('../../../main/electron/start.ts');
      runShell({ preload: '/app/preload.cjs', renderer: path.join(dir, 'renderer'), icons: '/app/icons' });
      await vi.waitFor(() => expect(composed).toHaveLength(1));
      const wc = (composed[0]!.window.current() as unknown as fake.BrowserWindow).webContents;
      await expect(fake.ipcMain.handlers.get('app.getState')!({ sender: wc, senderFrame: wc.mainFrame }, undefined)).rejects.toThrow('a broken build');
      await vi.waitFor(() => expect(readFileSync(path.join(dir, 'logs/main.log'), 'utf8')).toContain('the main process could not start'));
    } finally {
      delete process.env['BAM_USER_DATA_DIR'];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

