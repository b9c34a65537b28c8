/**
 * The settings the main window needs before the rest of main has loaded — where it was, whether to
 * open at start, whether closing hides it — so that the window is made first and its page loads
 * while main sets up the rest (bench figure 9). Until the settings store is up they come straight
 * from its file, read with plain checks: the settings schema (./settings.ts) is zod's, and the
 * window does not wait for zod. From then on they are read and written through the store.
 * test/main/core/storage/window-settings.test.ts holds both readers to the same answer for any file.
 */
import { TOGGLE_SETTINGS } from '../../../preload/contract/settings.ts';
import type { Settings, SettingsStore } from './settings.ts';

export type WindowSettingValues = Pick<Settings, 'windowBounds' | 'closeToTray' | 'startMinimized'>;
type Bounds = NonNullable<Settings['windowBounds']>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min = -Infinity): v is number => Number.isSafeInteger(v) && (v as number) >= min;

function boundsOf(v: unknown): Bounds | null {
  if (!isObject(v)) return null;
  const { x, y, width, height, maximized = false } = v;
  if (!isInt(x) || !isInt(y) || !isInt(width, 200) || !isInt(height, 200) || typeof maximized !== 'boolean') return null;
  return { x, y, width, height, maximized };
}

const toggle = (v: unknown, key: 'closeToTray' | 'startMinimized'): boolean => (typeof v === 'boolean' ? v : TOGGLE_SETTINGS[key].default);

/** The window's settings in a settings file's contents (anything: a missing, hand-edited or older file). */
export function peekWindowSettings(file: unknown): WindowSettingValues {
  const s = isObject(file) ? file : {};
  return { windowBounds: boundsOf(s['windowBounds']), closeToTray: toggle(s['closeToTray'], 'closeToTray'), startMinimized: toggle(s['startMinimized'], 'startMinimized') };
}

/** The window's settings: the file's until the store is attached, the store's from then on. */
export class WindowSettings {
  private store: Pick<SettingsStore, 'get' | 'update'> | null = null;
  private readonly early: WindowSettingValues;
  private unsaved: Partial<WindowSettingValues> | null = null;

  constructor(early: WindowSettingValues) {
    this.early = { ...early };
  }

  get<K extends keyof WindowSettingValues>(key: K): WindowSettingValues[K] {
    return this.store ? this.store.get(key) : this.early[key];
  }

  /** Written through the store; before it is up, kept and written once it is. */
  update(patch: Partial<WindowSettingValues>): void {
    if (this.store) {
      this.store.update(patch);
      return;
    }
    Object.assign(this.early, patch);
    this.unsaved = { ...this.unsaved, ...patch };
  }

  attach(store: Pick<SettingsStore, 'get' | 'update'>): void {
    this.store = store;
    if (this.unsaved) store.update(this.unsaved);
    this.unsaved = null;
  }
}
