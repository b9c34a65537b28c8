/**
 * The tray icon and its menu. The menu model comes from buildTrayMenu (pure); this only converts
 * it and calls setContextMenu again on every change, since Linux app indicators ignore clicks.
 */
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { buildTrayMenu, trayIconName, trayStatusLine, type TrayAction, type TrayItem, type TrayState } from '../shell/tray-model.ts';

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
    this.tray.setToolTip(`Beeper Account Manager — ${trayStatusLine(state)}`);
    this.tray.setContextMenu(Menu.buildFromTemplate(toTemplate(buildTrayMenu(state), this.onAction)));
  }
}
