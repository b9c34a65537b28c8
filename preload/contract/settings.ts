/**
 * The settings the user switches in the window, each defined once: its key, default, label and
 * hint (catalogue keys), and the capability it needs (what the shell can do on this platform and build). The
 * stored schema, the IPC contract, the view and the Settings screen are all derived from here;
 * main applies each one where it acts (close to tray on close, notifications when they are
 * shown, start at login through main/electron/login-item.ts, start minimised at launch).
 */
import type { MessageKey } from './i18n/en.ts';

export interface ToggleSetting {
  default: boolean;
  label: MessageKey;
  hint: MessageKey | null;
  /** The capability (views.ts `Capabilities`) without which the switch is not shown. */
  needs: 'desktopShell' | 'startAtLogin';
}

export const TOGGLE_SETTINGS = {
  notifications: { default: true, label: 'settings.notifications', hint: 'settings.notificationsHint', needs: 'desktopShell' },
  closeToTray: { default: true, label: 'settings.closeToTray', hint: 'settings.closeToTrayHint', needs: 'desktopShell' },
  startAtLogin: { default: false, label: 'settings.startAtLogin', hint: 'settings.startAtLoginHint', needs: 'startAtLogin' },
  startMinimized: { default: false, label: 'settings.startMinimized', hint: null, needs: 'desktopShell' },
} as const satisfies Record<string, ToggleSetting>;

export type ToggleKey = keyof typeof TOGGLE_SETTINGS;
export const TOGGLE_KEYS = Object.keys(TOGGLE_SETTINGS) as ToggleKey[];

/** `{ key: value(key) }` for every toggle: a schema shape, the defaults, a view. */
export function perToggle<T>(value: (key: ToggleKey) => T): { [K in ToggleKey]: T } {
  return Object.fromEntries(TOGGLE_KEYS.map((k) => [k, value(k)])) as { [K in ToggleKey]: T };
}

export const toggleDefaults = (): { [K in ToggleKey]: boolean } => perToggle((k) => TOGGLE_SETTINGS[k].default);
