/**
 * The tray icon and its menu. The menu model comes from buildTrayMenu (pure); this only converts
 * it and calls setContextMenu again on every change, since Linux app indicators ignore clicks.
 */
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { Core } from '../core/account-manager.ts';
import type { Logger } from '../core/log.ts';
import { buildTrayMenu, trayIconName, trayStatusLine, type TrayAction, type TrayItem, type TrayState } from '../policy/tray.ts';
import { t } from '../core/i18n.ts';
import type { UpdaterDriver } from '../policy/updater.ts';

export function toTemplate(items: TrayItem[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled ?? true, click: () => onAction(item.action) };
      case 'submenu':
        return { label: item.label, enabled: item.enabled ?? true, submenu: toTemplate(item.items, onAction) };
    }
  });
}

export class TrayController {
  private readonly tray: Tray;
  private readonly iconsDir: string;
  private readonly onAction: (a: TrayAction) => void;
  private last: TrayState | null = null;

  constructor(iconsDir: string, onAction: (a: TrayAction) => void) {
    this.iconsDir = iconsDir;
    this.onAction = onAction;
    this.tray = new Tray(this.icon(null));
    nativeTheme.on('updated', () => {
      if (this.last) this.update(this.last);
    });
  }

  private icon(state: TrayState | null): Electron.NativeImage {
    if (process.platform === 'darwin') {
      // A template image: macOS colours it for light and dark menu bars itself.
      return nativeImage.createFromPath(path.join(this.iconsDir, 'trayTemplate.png'));
    }
    const name = state ? trayIconName(state, nativeTheme.shouldUseDarkColors) : `tray-normal-${nativeTheme.shouldUseDarkColors ? 'dark' : 'light'}`;
    return nativeImage.createFromPath(path.join(this.iconsDir, `${name}.png`));
  }

  update(state: TrayState): void {
    this.last = state;
    this.tray.setImage(this.icon(state));
    this.tray.setToolTip(t('tray.tooltip', { status: trayStatusLine(state) }));
    this.tray.setContextMenu(Menu.buildFromTemplate(toTemplate(buildTrayMenu(state), this.onAction)));
  }
}

/** What the tray's items do, each a call into the rest of the shell. */
export interface TrayHandlers {
  open(): void;
  addAccount(): void;
  reconnect(bridgeID: string, loginID: string | null, accountID: string | null): void;
  reconnectAll(): void;
  checkForUpdates(): void;
  restartToUpdate(): void;
  quit(): void;
}

export function runTrayAction(a: TrayAction, h: TrayHandlers): void {
  switch (a.type) {
    case 'open':
      return h.open();
    case 'add-account':
      return h.addAccount();
    case 'reconnect':
      return h.reconnect(a.bridgeID, a.loginID, a.accountID);
    case 'reconnect-all':
      return h.reconnectAll();
    case 'check-updates':
      return h.checkForUpdates();
    case 'restart-to-update':
      return h.restartToUpdate();
    case 'quit':
      return h.quit();
    default: {
      const unknown: never = a;
      throw new Error(`unknown tray action ${JSON.stringify(unknown)}`);
    }
  }
}

/** The tray's state, from the core and the updater: the one place it is put together. */
export function trayStateOf(core: Core, updater: UpdaterDriver): TrayState {
  const snap = core.snapshot();
  return { connection: snap.connection, auth: snap.auth, accounts: snap.accounts, updater: updater.current() };
}

/** Only what the tray shows: not every login-session update (QR rotations, step changes). */
const TRAY_EVENTS: ReadonlySet<string> = new Set(['state.connection', 'state.auth', 'state.accounts', 'state.updater', 'state.settings']);

/**
 * The tray icon, kept current with the core. Without a tray (some Linux desktops) closing the
 * window must quit, so close-to-tray is turned off. Returns whether there is a tray.
 */
export function setupTray(o: { iconsDir: string; core: Core; updater: UpdaterDriver; handlers: TrayHandlers; log: Logger }): boolean {
  let tray: TrayController;
  try {
    tray = new TrayController(o.iconsDir, (a) => runTrayAction(a, o.handlers));
  } catch (e) {
    o.log.warn('no tray on this system; closing the window quits', { error: e });
    o.core.settings.update({ closeToTray: false });
    return false;
  }
  const refresh = (): void => tray.update(trayStateOf(o.core, o.updater));
  o.core.subscribe((event) => {
    if (TRAY_EVENTS.has(event)) refresh();
  });
  refresh();
  return true;
}
