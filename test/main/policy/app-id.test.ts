/** main/policy/app-id.ts: the app's identity, the same one the installer gives its shortcut. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, appUserModelIdFor } from '../../../main/policy/app-id.ts';

describe('app identity', () => {
  it('is electron-builder’s appId', () => {
    const config = load(readFileSync(path.join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8')) as { appId: string };
    expect(APP_ID).toBe(config.appId);
    expect(APP_ID).toBe('com.beeper.account-manager');
  });

  it('is set as the AppUserModelID on Windows only', () => {
    expect(appUserModelIdFor('win32')).toBe(APP_ID);
    for (const p of ['darwin', 'linux', 'freebsd'] as const) expect(appUserModelIdFor(p)).toBeNull();
  });
});
