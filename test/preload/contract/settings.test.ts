/** preload/contract/settings.ts: each switch defined once, and everything else derived from it. */
import { describe, expect, it } from 'vitest';
import { invokeSchemas } from '../../../preload/contract/schemas.ts';
import { TOGGLE_KEYS, TOGGLE_SETTINGS } from '../../../preload/contract/settings.ts';
import { SettingsViewSchema } from '../../../preload/contract/views.ts';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../main/core/storage/settings.ts';

describe('the settings registry', () => {
  it('lists the four switches of the Settings screen, each with a label and the capability it needs', () => {
    expect(TOGGLE_KEYS).toEqual(['notifications', 'closeToTray', 'startAtLogin', 'startMinimized']);
    for (const key of TOGGLE_KEYS) {
      expect(TOGGLE_SETTINGS[key].label).toMatch(/\S/);
      expect(['desktopShell', 'startAtLogin']).toContain(TOGGLE_SETTINGS[key].needs);
    }
  });

  it('gives the stored settings their defaults, also in place of a bad stored value', () => {
    for (const key of TOGGLE_KEYS) {
      expect(DEFAULT_SETTINGS[key]).toBe(TOGGLE_SETTINGS[key].default);
      expect(SettingsSchema.parse({ ...DEFAULT_SETTINGS, [key]: 'yes please' })[key]).toBe(TOGGLE_SETTINGS[key].default);
    }
  });

  it('is what the window may change over IPC, and what it is shown: no more, no less', () => {
    const request = invokeSchemas['settings.update'].request;
    for (const key of TOGGLE_KEYS) expect(request.safeParse({ [key]: true }).success).toBe(true);
    expect(request.safeParse({ allowPlaintextToken: true }).success).toBe(false);
    expect(request.safeParse({ baseURL: null }).success).toBe(false);
    expect(request.safeParse({ language: 'de' }).success).toBe(true);
    expect(request.safeParse({ language: 'en-XA' }).success).toBe(false); // pseudo-locales are not a setting
    expect(Object.keys(SettingsViewSchema.shape).sort()).toEqual(['allowPlaintextToken', 'baseURL', 'language', 'locale', ...TOGGLE_KEYS].sort());
  });
});
