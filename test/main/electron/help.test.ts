/** main/electron/help.ts, against a fake `electron` module: saving the diagnostics report, opening the logs folder. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../main/core/account-manager.ts';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));

const { IpcRegistry } = await import('../../../main/core/ipc/registry.ts');
const { Logger, memorySink } = await import('../../../main/core/log.ts');
const { setupHelp } = await import('../../../main/electron/help.ts');

const sender = { transport: 'electron' as const, id: '1', url: 'app://bundle/index.html' };
const core = { diagnostics: () => ({ text: 'the report\n', fileName: 'beeper-account-manager-diagnostics-2026-11-30.txt' }) } as unknown as Core;
beforeEach(() => fake.resetFakes());

function setup() {
  const { sink, entries } = memorySink();
  const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
  setupHelp(registry, core, () => ({}) as never, '/data/logs', new Logger({ sinks: [sink] }));
  return { registry, entries };
}

describe('Help, in the desktop shell', () => {
  it('Save diagnostics report: a save dialog named for the report; the report written there, readable by the user only', async () => {
    const { registry } = setup();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bam-help-')), 'report.txt');
    fake.dialog.answer = { canceled: false, filePath: file };
    expect(await registry.invoke('help.saveDiagnostics', undefined, sender)).toEqual({ ok: true, value: { saved: true } });
    expect(fake.dialog.asked).toMatchObject([{ title: 'Save diagnostics report', defaultPath: 'beeper-account-manager-diagnostics-2026-11-30.txt' }]);
    expect(readFileSync(file, 'utf8')).toBe('the report\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('cancelled: nothing written; a folder that cannot be written: said, and logged', async () => {
    const { registry, entries } = setup();
    expect(await registry.invoke('help.saveDiagnostics', undefined, sender)).toEqual({ ok: true, value: { saved: false } });
    fake.dialog.answer = { canceled: false, filePath: '/nonexistent-dir/x/report.txt' };
    expect(await registry.invoke('help.saveDiagnostics', undefined, sender)).toMatchObject({ ok: false, error: { message: 'The report could not be saved there. Choose another folder.' } });
    expect(entries.map((e) => e.message)).toContain('could not save the diagnostics report');
  });

  it('Open logs folder: the app’s own logs folder, whatever the window sends; a failure is said', async () => {
    const { registry } = setup();
    expect(await registry.invoke('help.openLogs', undefined, sender)).toEqual({ ok: true, value: null });
    expect(fake.shell.opened).toEqual(['/data/logs']);
    expect(await registry.invoke('help.openLogs', { path: '/etc' }, sender)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    vi.spyOn(fake.shell, 'openPath').mockResolvedValueOnce('No application for folders');
    expect(await registry.invoke('help.openLogs', undefined, sender)).toMatchObject({ ok: false, error: { message: 'The logs folder could not be opened.' } });
  });
});
