/**
 * The app's identity on the system. It must equal `appId` in electron-builder.yml (a test checks):
 * Windows shows notifications only for a process whose AppUserModelID matches the one the
 * installer gave the Start-menu shortcut.
 */
export const APP_ID = 'com.beeper.account-manager';

/** What Windows needs set at start-up for notifications to appear (nothing elsewhere). */
export function appUserModelIdFor(platform: NodeJS.Platform): string | null {
  return platform === 'win32' ? APP_ID : null;
}
