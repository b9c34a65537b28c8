/**
 * The app's non-secret settings, validated on every read: a value of the wrong type (hand-edited
 * file, older version) falls back to its default instead of breaking the app.
 */
import { z } from 'zod';
import { TOGGLE_SETTINGS, toggleDefaults, perToggle } from '../../../preload/contract/settings.ts';
import type { SettingsView } from '../../../preload/contract/views.ts';
import { LANGUAGE_SETTINGS, type ResolvedLocale } from '../../../preload/contract/i18n/locales.ts';
import type { SafeStore } from './store.ts';

export const SettingsSchema = z.object({
  /** Beeper Desktop API address chosen by the user; null = find it automatically. */
  baseURL: z.url().nullable().catch(null),
  /** The switches of the Settings screen (preload/contract/settings.ts). */
  ...perToggle((k) => z.boolean().catch(TOGGLE_SETTINGS[k].default)),
  /** The language: the system's, or one the user chose. */
  language: z.enum(LANGUAGE_SETTINGS).catch('system'),
  /** The user agreed to keep the token unencrypted where the OS offers no secure storage. */
  allowPlaintextToken: z.boolean().catch(false),
  windowBounds: z
    .object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200), maximized: z.boolean().default(false) })
    .nullable()
    .catch(null),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  baseURL: null,
  ...toggleDefaults(),
  language: 'system',
  allowPlaintextToken: false,
  windowBounds: null,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

export class SettingsStore {
  private readonly store: SafeStore;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(store: SafeStore) {
    this.store = store;
  }

  all(): Settings {
    const raw: Record<string, unknown> = {};
    for (const k of KEYS) raw[k] = this.store.get(k); // a missing one falls back to its default in the schema
    return SettingsSchema.parse(raw);
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    return this.all()[key];
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.all(), ...patch });
    for (const k of Object.keys(patch) as Array<keyof Settings>) this.store.set(k, next[k]);
    for (const l of this.listeners) l(next);
    return next;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** What the window sees of the settings (no window geometry), with the locale they resolve to. */
export function settingsView(s: Settings, locale: ResolvedLocale): SettingsView {
  return { baseURL: s.baseURL, ...perToggle((k) => s[k]), language: s.language, locale, allowPlaintextToken: s.allowPlaintextToken };
}
