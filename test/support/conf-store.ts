/**
 * A SafeStore backed by `conf` (electron-store's base), for plain Node: tests, the browser preview
 * host, and anything else that runs the core outside Electron.
 */
import Conf from 'conf';
import path from 'node:path';
import type { Logger } from '../../main/core/log.ts';
import { SafeStore, type StoreBackend } from '../../main/core/storage/store.ts';

export function confStore(dir: string, name: string, log?: Logger): SafeStore {
  return new SafeStore(
    (): StoreBackend => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false, configFileMode: 0o600 }),
    path.join(dir, `${name}.json`),
    log,
  );
}
