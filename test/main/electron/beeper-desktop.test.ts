/** main/electron/beeper-desktop.ts, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));

const { IpcRegistry } = await import('../../../main/core/ipc/registry.ts');
const { Logger, memorySink } = await import('../../../main/core/log.ts');
const { setupOpenBeeperDesktop } = await import('../../../main/electron/beeper-desktop.ts');

const sender = { transport: 'electron' as const, id: '1', url: 'app://bundle/index.html' };
beforeEach(() => fake.resetFakes());

describe('Open Beeper Desktop', () => {
  it('asks the system to open exactly beeper://, whatever the window sends', async () => {
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    setupOpenBeeperDesktop(registry, new Logger());
    expect(await registry.invoke('connection.openBeeperDesktop', undefined, sender)).toEqual({ ok: true, value: null });
    expect(fake.shell.opened).toEqual(['beeper://']);
    // A payload is refused by the contract before anything is opened.
    expect(await registry.invoke('connection.openBeeperDesktop', { url: 'https://evil.example' }, sender)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(fake.shell.opened).toEqual(['beeper://']);
  });

  it('when the system cannot open it: says so in words the user can act on, and logs why', async () => {
    const { sink, entries } = memorySink();
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    setupOpenBeeperDesktop(registry, new Logger({ sinks: [sink] }));
    vi.spyOn(fake.shell, 'openExternal').mockRejectedValueOnce(new Error('no handler for beeper://'));
    expect(await registry.invoke('connection.openBeeperDesktop', undefined, sender)).toMatchObject({ ok: false, error: { message: 'Beeper Desktop could not be opened from here. Open it yourself, then choose Try again.' } });
    expect(entries.map((e) => e.message)).toContain('could not open Beeper Desktop');
  });
});
