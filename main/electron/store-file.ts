/**
 * Where electron-store keeps a store: `<userData>/<name>.json`, its default folder and extension
 * (main/electron/storage.ts opens every store with those defaults). Also read directly, before
 * electron-store is loaded, for the settings the window needs first.
 */
import { app } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const storeFile = (name: string): string => path.join(app.getPath('userData'), `${name}.json`);

/** A store's file, parsed; undefined when it is missing, unreadable or not JSON (its reader then uses defaults). */
export function readStoreFile(name: string): unknown {
  try {
    return JSON.parse(readFileSync(storeFile(name), 'utf8'));
  } catch {
    return undefined;
  }
}
