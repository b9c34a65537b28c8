/** main/core/updates.ts: the updater as the window sees it, one sentence per state. */
import { describe, expect, it } from 'vitest';
import { Updates, updaterSummary, updaterView, type UpdaterSource, type UpdaterState } from '../../../main/core/updates.ts';

const STATES: UpdaterState[] = [
  { status: 'idle' },
  { status: 'checking' },
  { status: 'available', version: '1.2.0' },
  { status: 'downloading', version: '1.2.0', percent: 41.6 },
  { status: 'ready', version: '1.2.0' },
  { status: 'up-to-date', checkedAt: '2026-11-29T09:00:00.000Z' },
  { status: 'error', message: 'The feed could not be read.', checkedAt: '2026-11-29T09:00:00.000Z' },
  { status: 'unsupported', reason: 'Installed by a package manager: update it there.', downloadURL: 'https://example.com/dl' },
];

function source(initial: UpdaterState) {
  let state = initial;
  const listeners = new Set<(s: UpdaterState) => void>();
  const calls: string[] = [];
  const s: UpdaterSource = {
    current: () => state,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    check: () => (calls.push('check'), Promise.resolve()),
    restartToUpdate: () => (calls.push('restart'), state.status === 'ready'),
  };
  return { s, calls, set: (next: UpdaterState) => ((state = next), listeners.forEach((l) => l(next))) };
}

describe('updates', () => {
  it('every state has its own sentence, with the version and progress where there are some', () => {
    const sentences = STATES.map(updaterSummary);
    expect(new Set(sentences).size).toBe(STATES.length);
    expect(sentences[3]).toBe('Downloading version 1.2.0… 42%');
    expect(sentences[6]).toBe('The feed could not be read.');
  });

  it('a blank reason or message still says something', () => {
    expect(updaterSummary({ status: 'error', message: ' ', checkedAt: 'x' })).toBe('Checking for updates failed.');
    expect(updaterSummary({ status: 'unsupported', reason: '', downloadURL: '' })).toBe('This build does not update itself.');
  });

  it('the view carries only what applies to the state', () => {
    expect(updaterView(STATES[3]!, '1.0.0')).toEqual({ status: 'downloading', currentVersion: '1.0.0', version: '1.2.0', percent: 41.6, summary: 'Downloading version 1.2.0… 42%', downloadURL: null, checkedAt: null });
    expect(updaterView(STATES[7]!, '1.0.0')).toMatchObject({ version: null, percent: null, downloadURL: 'https://example.com/dl' });
  });

  it('without an updater: unsupported, and checking says why', async () => {
    const u = new Updates('1.0.0');
    expect(u.view()).toMatchObject({ status: 'unsupported', summary: 'This build does not update itself.' });
    await expect(u.check()).rejects.toMatchObject({ kind: 'unsupported', message: 'This build does not update itself.' });
  });

  it('with one: follows its state, checks, and restarts only when an update is ready', async () => {
    const u = new Updates('1.0.0');
    const seen: string[] = [];
    u.onChange((v) => seen.push(v.status));
    const { s, calls, set } = source({ status: 'idle' });
    u.use(s);
    await u.check();
    expect(() => u.restartToUpdate()).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
    set({ status: 'ready', version: '1.2.0' });
    expect(u.restartToUpdate().status).toBe('ready');
    expect(calls).toEqual(['check', 'restart', 'restart']);
    expect(seen).toEqual(['idle', 'ready']);
  });
});

describe('updates, exactly', () => {
  it('the sentence for each state', () => {
    expect(STATES.map(updaterSummary)).toEqual([
      'Updates are checked automatically.',
      'Checking for updates…',
      'Version 1.2.0 is available and downloading.',
      'Downloading version 1.2.0… 42%',
      'Version 1.2.0 is ready to install.',
      'You have the latest version.',
      'The feed could not be read.',
      'Installed by a package manager: update it there.',
    ]);
    expect(updaterSummary({ status: 'unsupported', reason: '  Use the store.  ', downloadURL: '' })).toBe('Use the store.');
  });

  it('a download link only when updating here is unsupported and there is one', () => {
    expect(updaterView({ status: 'unsupported', reason: 'x', downloadURL: '' }, '1.0.0').downloadURL).toBeNull();
  });

  it('without an updater: the whole view, and restarting says nothing is ready', () => {
    const u = new Updates('1.0.0');
    expect(u.view()).toEqual({ status: 'unsupported', currentVersion: '1.0.0', version: null, percent: null, summary: 'This build does not update itself.', downloadURL: null, checkedAt: null });
    expect(() => u.restartToUpdate()).toThrow(expect.objectContaining({ kind: 'invalid_request', message: 'No update is ready to install yet.' }));
  });
});
