/** main/core/storage/store.ts: files that survive corruption and are kept private. */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { confStore } from '../../../support/conf-store.ts';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../main/core/storage/settings.ts';
import { SafeStore, type StoreBackend } from '../../../../main/core/storage/store.ts';
import { useTempDir } from '../../../support/temp-dir.ts';

const dir = useTempDir('bam-store-');

describe('SafeStore', () => {
  it('moves a corrupt file aside at start-up and starts from defaults', () => {
    writeFileSync(path.join(dir(), 'settings.json'), '{"closeToTray": tru');
    const { sink, entries } = memorySink();
    const store = confStore(dir(), 'settings', new Logger({ sinks: [sink] }));
    const settings = new SettingsStore(store);
    expect(settings.all()).toEqual(DEFAULT_SETTINGS);
    expect(store.quarantined).toHaveLength(1);
    expect(readFileSync(store.quarantined[0]!, 'utf8')).toBe('{"closeToTray": tru');
    expect(entries.some((e) => e.level === 'warn' && e.message.includes('moved aside'))).toBe(true);
    settings.update({ closeToTray: false });
    expect(new SettingsStore(confStore(dir(), 'settings')).get('closeToTray')).toBe(false);
  });

  it('recovers when the file is corrupted while the app runs', () => {
    const store = confStore(dir(), 'settings');
    store.set('notifications', false);
    writeFileSync(path.join(dir(), 'settings.json'), '\u0000\u0001garbage');
    expect(store.get('notifications')).toBeUndefined();
    store.set('notifications', true);
    expect(JSON.parse(readFileSync(path.join(dir(), 'settings.json'), 'utf8'))).toEqual({ notifications: true });
    expect(readdirSync(dir()).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps working in memory when the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; simulate an unusable path instead: a file where the folder should be
      const blocked = path.join(dir(), 'blocked');
      writeFileSync(blocked, 'not a folder');
      const store = confStore(blocked, 'settings');
      store.set('k', 1);
      expect(store.get('k')).toBe(1);
      expect(store.persistent).toBe(false);
      return;
    }
    chmodSync(dir(), 0o500);
    const store = confStore(path.join(dir(), 'sub'), 'settings');
    store.set('k', 1);
    expect(store.get('k')).toBe(1);
    expect(store.persistent).toBe(false);
  });

  it('writes the credentials file readable by the user only', () => {
    const store = confStore(dir(), 'credentials');
    store.set('x', 1);
    expect(readFileSync(path.join(dir(), 'credentials.json'), 'utf8')).toContain('"x"');
    if (process.platform !== 'win32') expect(statSync(path.join(dir(), 'credentials.json')).mode & 0o077).toBe(0);
  });
});

/**
 * A backend over a plain object whose reads and writes can be made to fail, so each recovery path is
 * reached on purpose; `opened` counts how often the store asked for a new one.
 */
function fakeFile(filePath: string) {
  const state = { opened: 0, failProbe: 0, failOps: 0, values: new Map<string, unknown>() };
  const create = (): StoreBackend => {
    state.opened++;
    const fail = (what: string) => {
      throw new Error(`cannot ${what}`);
    };
    return {
      path: filePath,
      get: (key) => (key === '__probe__' ? (state.failProbe > 0 && state.failProbe-- > 0 ? fail('read') : undefined) : state.failOps > 0 && state.failOps-- > 0 ? fail('read') : state.values.get(key)),
      set: (key, value) => void (state.failOps > 0 && state.failOps-- > 0 ? fail('write') : state.values.set(key, value)),
      delete: (key) => void (state.failOps > 0 && state.failOps-- > 0 ? fail('write') : state.values.delete(key)),
    };
  };
  return { state, create };
}

function logged() {
  const { sink, entries } = memorySink();
  return { log: new Logger({ sinks: [sink] }), entries, find: (level: string, text: string) => entries.find((e) => e.level === level && e.message.includes(text)) };
}

describe('SafeStore over a backend that fails on purpose', () => {
  it('a healthy store is persistent, says its path, and sets, gets and deletes through the backend', () => {
    const file = path.join(dir(), 'settings.json');
    const { state, create } = fakeFile(file);
    const store = new SafeStore(create, file);
    expect(store.persistent).toBe(true);
    expect(store.path).toBe(file);
    store.set('a', 1);
    expect(state.values.get('a')).toBe(1);
    expect(store.get('a')).toBe(1);
    store.delete('a');
    expect(state.values.has('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
    expect(state.opened).toBe(1);
  });

  it('a file that cannot be read even after being moved aside: values live in memory for this run, said once as an error', () => {
    const file = path.join(dir(), 'settings.json');
    writeFileSync(file, 'x');
    const { state, create } = fakeFile(file);
    state.failProbe = 2;
    const { log, find } = logged();
    const store = new SafeStore(create, file, log);
    expect(store.persistent).toBe(false);
    expect(find('error', 'in memory')?.data).toMatchObject({ file });
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
    expect(state.values.size).toBe(0);
    expect(state.opened).toBe(2); // memory mode does not keep re-opening the file
  });

  it('an operation that fails while the app runs moves the file aside and is answered by a fresh backend', () => {
    const file = path.join(dir(), 'settings.json');
    writeFileSync(file, '{"a":1}');
    const { state, create } = fakeFile(file);
    state.values.set('a', 1);
    const store = new SafeStore(create, file);
    state.failOps = 1;
    expect(store.get('a')).toBe(1);
    expect(state.opened).toBe(2);
    expect(store.quarantined).toHaveLength(1);
    expect(readFileSync(store.quarantined[0]!, 'utf8')).toBe('{"a":1}');
    expect(store.persistent).toBe(true);
  });

  it('when the fresh backend fails too, the store falls back to memory and says it is not persistent', () => {
    const file = path.join(dir(), 'settings.json');
    const { state, create } = fakeFile(file);
    const store = new SafeStore(create, file);
    state.failOps = 2;
    store.set('k', 1);
    expect(store.persistent).toBe(false);
    expect(state.values.has('k')).toBe(false);
    expect(store.get('k')).toBe(1);
    expect(state.opened).toBe(2);
  });

  it('when the file cannot be opened again, the value goes to memory', () => {
    const file = path.join(dir(), 'settings.json');
    const { state, create } = fakeFile(file);
    const store = new SafeStore(create, file);
    state.failOps = 1;
    state.failProbe = 2;
    store.set('k', 2);
    expect(store.get('k')).toBe(2);
    expect(state.values.has('k')).toBe(false);
    expect(store.persistent).toBe(false);
  });

  it('a write the disk refuses (ENOSPC) leaves the file as it was, never moved aside; the change is kept for this run and said', () => {
    const file = path.join(dir(), 'settings.json');
    writeFileSync(file, '{"a":1,"b":2}');
    const values = new Map<string, unknown>([['a', 1], ['b', 2]]);
    let full = true;
    const create = (): StoreBackend => ({
      path: file,
      get: (key) => values.get(key),
      set: (key, value) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        values.set(key, value);
      },
      delete: (key) => {
        if (full) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
        values.delete(key);
      },
    });
    const l = logged();
    const store = new SafeStore(create, file, l.log);
    store.set('a', 10);
    store.delete('b');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1,"b":2}');
    expect(store.quarantined).toEqual([]);
    expect([store.get('a'), store.get('b')]).toEqual([10, undefined]);
    expect(store.persistent).toBe(false);
    expect(l.entries.filter((e) => e.message.includes('could not write'))).toHaveLength(1);
    full = false; // space again: the next writes go to the file
    store.set('a', 11);
    store.set('b', 3);
    store.delete('b');
    expect([values.get('a'), store.get('a'), values.has('b'), store.get('b')]).toEqual([11, 11, false, undefined]);
  });

  it('only errors of the disk refusing a write keep the file; anything else about the file still sets it aside', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EBUSY']) {
      const file = path.join(dir(), `s-${code}.json`);
      writeFileSync(file, '{}');
      const store = new SafeStore(() => ({ path: file, get: () => undefined, set: () => { throw Object.assign(new Error(code), { code }); }, delete: () => {} }), file);
      store.set('k', 1);
      expect(store.quarantined, code).toEqual([]);
    }
    for (const odd of [Object.assign(new Error('x'), { code: 42 }), Object.assign(new Error('x'), { code: 'ENOENT' }), null]) {
      const file = path.join(dir(), `s-odd-${String(odd && (odd as { code: unknown }).code)}.json`);
      writeFileSync(file, '{}');
      let first = true;
      const set = (): void => {
        if (!first) return;
        first = false;
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown value that is no Error is one of the cases
        throw odd;
      };
      const store = new SafeStore(() => ({ path: file, get: () => undefined, set, delete: () => {} }), file);
      store.set('k', 1);
      expect(store.quarantined).toHaveLength(1);
    }
  });

  it('in memory only: a store for a host that keeps nothing on disk', () => {
    const store = SafeStore.inMemory();
    store.set('k', 1);
    expect([store.get('k'), store.path, store.persistent]).toEqual([1, '(memory)', true]);
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
  });

  it('a file moved aside is named <name>.corrupt-<time>.json, also when the name has no .json, and the move is logged', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    try {
      for (const name of ['settings.json', 'settings']) {
        const file = path.join(dir(), name);
        writeFileSync(file, 'bad');
        const { state, create } = fakeFile(file);
        state.failProbe = 1;
        const { log, find } = logged();
        const store = new SafeStore(create, file, log);
        const target = path.join(dir(), 'settings.corrupt-1700000000000.json');
        expect(store.quarantined).toEqual([target]);
        expect(readFileSync(target, 'utf8')).toBe('bad');
        expect(find('warn', 'moved aside')?.data).toMatchObject({ file, movedTo: target });
        rmSync(target);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('a file that cannot be moved aside is left where it is and the failure is logged', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    try {
      const file = path.join(dir(), 'settings.json');
      writeFileSync(file, 'bad');
      mkdirSync(path.join(dir(), 'settings.corrupt-1700000000000.json', 'occupied'), { recursive: true });
      const { state, create } = fakeFile(file);
      state.failProbe = 1;
      const { log, find } = logged();
      const store = new SafeStore(create, file, log);
      expect(store.quarantined).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe('bad');
      expect(find('error', 'could not move')?.data).toMatchObject({ file });
    } finally {
      vi.useRealTimers();
    }
  });

  it('nothing is moved, and nothing logged, when there is no file yet', () => {
    const file = path.join(dir(), 'settings.json');
    const { state, create } = fakeFile(file);
    state.failProbe = 1;
    const { log, entries } = logged();
    const store = new SafeStore(create, file, log);
    expect(store.quarantined).toEqual([]);
    expect(readdirSync(dir())).toEqual([]);
    expect(entries).toEqual([]);
  });

  it('every recovery path works without a logger', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    try {
      const settings = path.join(dir(), 'settings.json');
      writeFileSync(settings, 'bad');
      const a = fakeFile(settings);
      a.state.failProbe = 1;
      expect(new SafeStore(a.create, settings).quarantined).toHaveLength(1); // moved aside
      writeFileSync(settings, 'bad');
      mkdirSync(path.join(dir(), 'settings.corrupt-1700000000001.json', 'occupied'), { recursive: true });
      vi.setSystemTime(1_700_000_000_001);
      const b = fakeFile(settings);
      b.state.failProbe = 1;
      expect(new SafeStore(b.create, settings).quarantined).toEqual([]); // the name is taken: not moved
      const credentials = path.join(dir(), 'credentials.json');
      writeFileSync(credentials, 'bad');
      const c = fakeFile(credentials);
      const secret = new SafeStore(c.create, credentials);
      secret.holdSecrets();
      c.state.failOps = 1;
      secret.get('x');
      expect(existsSync(credentials)).toBe(false); // deleted
      mkdirSync(path.join(credentials, 'inside'), { recursive: true });
      c.state.failOps = 1;
      secret.get('x');
      expect(existsSync(credentials)).toBe(true); // could not be deleted
      const lost = fakeFile(path.join(dir(), 'missing', 'credentials.json'));
      expect(() => new SafeStore(lost.create, path.join(dir(), 'missing', 'credentials.json')).holdSecrets()).not.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SafeStore holding secrets', () => {
  it('deletes an unreadable credentials file instead of keeping a copy, and says so', () => {
    const file = path.join(dir(), 'credentials.json');
    writeFileSync(file, 'secret');
    const { state, create } = fakeFile(file);
    const store = new SafeStore(create, file);
    const { log, find } = logged();
    const secretStore = new SafeStore(create, file, log);
    secretStore.holdSecrets();
    state.failOps = 1;
    secretStore.get('x');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir())).toEqual([]);
    expect(secretStore.quarantined).toEqual([]);
    expect(find('warn', 'deleted it')?.data).toMatchObject({ file });
    expect(store.persistent).toBe(true);
  });

  it('logs when an unreadable credentials file cannot be deleted', () => {
    const file = path.join(dir(), 'credentials.json');
    mkdirSync(path.join(file, 'inside'), { recursive: true }); // a folder where the file should be: rm fails
    const { state, create } = fakeFile(file);
    const { log, find } = logged();
    const store = new SafeStore(create, file, log);
    store.holdSecrets();
    state.failOps = 1;
    store.get('x');
    expect(existsSync(file)).toBe(true);
    expect(find('error', 'could not delete an unreadable')?.data).toMatchObject({ file });
  });

  it('deletes every <name>.corrupt-*.json copy beside it, and only those, once it holds secrets', () => {
    const file = path.join(dir(), 'a.jsonx.json'); // '.json' inside the name: only the ending is dropped
    const keep = ['a.jsonx.json', 'a.jsonx.corrupt-1.txt', 'b.corrupt-1.json', 'x.a.jsonx.corrupt-1.json', 'ax.corrupt-1.json'];
    const copies = ['a.jsonx.corrupt-1.json', 'a.jsonx.corrupt-2.json'];
    for (const f of [...keep, ...copies]) writeFileSync(path.join(dir(), f), 'x');
    const { create } = fakeFile(file);
    const store = new SafeStore(create, file);
    store.deleteCopiesKeptAside();
    expect(readdirSync(dir()).sort()).toEqual([...keep, ...copies].sort()); // not before it holds secrets
    store.holdSecrets();
    expect(readdirSync(dir()).sort()).toEqual([...keep].sort());
  });

  it('logs when the folder of copies cannot be read', () => {
    const file = path.join(dir(), 'missing', 'credentials.json');
    const { create } = fakeFile(file);
    const { log, find } = logged();
    const store = new SafeStore(create, file, log);
    store.holdSecrets();
    expect(find('error', 'could not delete a copy')?.data).toMatchObject({ file });
  });
});
