/** Start at login: a login item on macOS and Windows, an XDG autostart entry on Linux, nothing where it cannot work. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../main/policy/app-id.ts';
import { autostartEntry, autostartFile, loginItemSupport, setXdgAutostart } from '../../../main/policy/autostart.ts';
import { useTempDir } from '../../support/temp-dir.ts';

const dir = useTempDir('bam-autostart-');

describe('start at login', () => {
  it('is offered only by packaged builds: the system’s login items on macOS and Windows, XDG autostart on Linux', () => {
    expect(loginItemSupport('darwin', true)).toBe('system');
    expect(loginItemSupport('win32', true)).toBe('system');
    expect(loginItemSupport('linux', true)).toBe('xdg');
    for (const p of ['darwin', 'win32', 'linux'] as const) expect(loginItemSupport(p, false)).toBeNull();
    expect(loginItemSupport('freebsd', true)).toBeNull();
  });

  it('the entry lives in $XDG_CONFIG_HOME/autostart (else ~/.config/autostart), named after the app ID', () => {
    expect(autostartFile({ env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/a' })).toBe(`/cfg/autostart/${APP_ID}.desktop`);
    expect(autostartFile({ env: {}, home: '/home/a' })).toBe(`/home/a/.config/autostart/${APP_ID}.desktop`);
    expect(autostartFile({ env: { XDG_CONFIG_HOME: 'relative' }, home: '/home/a' })).toBe(`/home/a/.config/autostart/${APP_ID}.desktop`);
  });

  it('starts the AppImage (not its temporary mount) when there is one, else the executable, with --hidden, quoted', () => {
    const appImage = autostartEntry({ env: { APPIMAGE: '/home/a/Apps/Beeper Account Manager.AppImage' }, execPath: '/tmp/.mount_x/beeper-account-manager', name: 'Beeper Account Manager' });
    expect(appImage).toContain('Exec="/home/a/Apps/Beeper Account Manager.AppImage" --hidden\n');
    expect(appImage).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Beeper Account Manager\n/);
    const deb = autostartEntry({ env: {}, execPath: '/opt/Beeper Account Manager/beeper-account-manager', name: 'Beeper Account Manager' });
    expect(deb).toContain('Exec="/opt/Beeper Account Manager/beeper-account-manager" --hidden');
    expect(autostartEntry({ env: { APPIMAGE: '/x/a"b$c`d\\e' }, execPath: '', name: 'n' })).toContain('Exec="/x/a\\"b\\$c\\`d\\\\e" --hidden');
  });

  it('writes the entry when turned on and removes it when turned off', () => {
    const e = { env: { XDG_CONFIG_HOME: path.join(dir(), 'config') }, home: dir(), execPath: '/usr/bin/beeper-account-manager', name: 'Beeper Account Manager' };
    const file = autostartFile(e);
    setXdgAutostart(true, e);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/usr/bin/beeper-account-manager" --hidden');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    setXdgAutostart(false, e);
    expect(existsSync(file)).toBe(false);
    setXdgAutostart(false, e); // already off: nothing to do
  });

  it('the whole entry, to the line: a name cannot break out of its line', () => {
    expect(autostartEntry({ env: {}, execPath: '/usr/bin/bam', name: 'Beeper\nExec=evil\r' })).toBe(
      ['[Desktop Entry]', 'Type=Application', 'Name=Beeper Exec=evil ', 'Exec="/usr/bin/bam" --hidden', 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n'),
    );
  });

  it('the entry is readable by the desktop and writable only by the user, even one that existed with another mode', () => {
    const e = { env: { XDG_CONFIG_HOME: path.join(dir(), 'config') }, home: dir(), execPath: '/usr/bin/bam', name: 'n' };
    mkdirSync(path.dirname(autostartFile(e)), { recursive: true });
    writeFileSync(autostartFile(e), 'old', { mode: 0o600 });
    setXdgAutostart(true, e);
    expect(statSync(autostartFile(e)).mode & 0o777).toBe(0o644);
    expect(readFileSync(autostartFile(e), 'utf8')).toContain('Exec="/usr/bin/bam" --hidden');
  });
});
