/** main/electron/ipc.ts, against a fake `electron` module: senders checked, payloads validated. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { bindIpc, senderFacts } = await import('../../../main/electron/ipc.ts');
const { INVOKE } = await import('../../../preload/contract/channels.ts');
const { IpcRegistry } = await import('../../../main/core/ipc/registry.ts');
const { Logger } = await import('../../../main/core/log.ts');
const { appOrigins } = await import('../../../main/policy/security.ts');

const log = new Logger();
const origins = appOrigins(null);

beforeEach(() => fake.resetFakes());

describe('IPC binding', () => {
  it('refuses messages that are not from the main window\'s top frame; passes the rest to the registry', async () => {
    const registry = new IpcRegistry({ log, isTrustedSender: () => true });
    registry.handle('accounts.refresh', () => ({ networks: [], needsAttention: [], hasChatAccounts: false, lastRefreshedAt: null, refreshing: false, error: null }));
    const win = new fake.BrowserWindow({});
    bindIpc(registry, () => win as never, origins, log);
    const handler = fake.ipcMain.handlers.get('accounts.refresh')!;
    const event = (wc: fake.FakeWebContents, frameURL: string, main = true) => ({ sender: wc, senderFrame: main ? Object.assign(wc.mainFrame, { url: frameURL }) : { url: frameURL } });

    await expect(handler(event(win.webContents, 'app://bundle/index.html'), undefined)).resolves.toMatchObject({ ok: true });
    const other = new fake.BrowserWindow({ webPreferences: { partition: 'capture-1' } });
    await expect(handler(event(other.webContents, 'app://bundle/index.html'), undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    await expect(handler(event(win.webContents, 'app://bundle/index.html', false), undefined)).resolves.toMatchObject({ ok: false });
    await expect(handler(event(win.webContents, 'https://evil.example/'), undefined)).resolves.toMatchObject({ ok: false });
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort()); // one per contract channel
    expect(senderFacts(event(win.webContents, 'app://bundle/x') as never)).toMatchObject({ isMainFrame: true, webContentsID: win.webContents.id });
  });
});
