/** The tray, menus and notifications: recording fakes a test can click. */
import { EventEmitter } from 'node:events';
import type { EmulatedElectron } from '../emulated-electron.ts';

export interface EmulatedMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: (item: EmulatedMenuItem, win: unknown, e: unknown) => void;
  submenu?: EmulatedMenuItem[] | EmulatedMenu;
}

export class EmulatedMenu {
  readonly items: EmulatedMenuItem[];
  constructor(items: EmulatedMenuItem[]) {
    this.items = items;
  }
  static buildFromTemplate(template: EmulatedMenuItem[]): EmulatedMenu {
    return new EmulatedMenu(template.map((i) => ({ ...i, submenu: Array.isArray(i.submenu) ? EmulatedMenu.buildFromTemplate(i.submenu) : i.submenu })));
  }
  static setApplicationMenu(): void {}
}

/** Menus are compared by shape: a fresh main process may load its own copy of this module. */
function submenuOf(item: EmulatedMenuItem): EmulatedMenuItem[] | null {
  const sub = item.submenu;
  if (!sub) return null;
  return Array.isArray(sub) ? sub : sub.items;
}

export class EmulatedTray extends EventEmitter {
  image: { path: string };
  tooltip = '';
  menu: EmulatedMenu | null = null;
  destroyed = false;

  constructor(image: { path: string }) {
    super();
    this.image = image;
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: EmulatedMenu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** The menu as the user sees it: labels, submenus indented, disabled ones in brackets. */
  labels(items = this.menu?.items ?? [], depth = 0): string[] {
    return items.flatMap((i) => {
      if (i.type === 'separator') return [];
      const line = `${'  '.repeat(depth)}${i.enabled === false ? `[${i.label}]` : i.label}`;
      const sub = this.labels(submenuOf(i) ?? [], depth + 1);
      return [line, ...sub];
    });
  }

  /** Clicks a menu item by its path of labels (a string or RegExp per level). */
  click(...labels: Array<string | RegExp>): void {
    let items = this.menu?.items ?? [];
    for (const [n, want] of labels.entries()) {
      const item = items.find((i) => (typeof want === 'string' ? i.label === want : want.test(i.label ?? '')));
      if (!item) throw new Error(`no tray menu item ${String(want)} in: ${this.labels().join(' | ')}`);
      if (item.enabled === false) throw new Error(`tray menu item ${String(want)} is disabled`);
      if (n === labels.length - 1) {
        if (!item.click) throw new Error(`tray menu item ${String(want)} does nothing`);
        item.click(item, null, {});
        return;
      }
      const sub = submenuOf(item);
      if (!sub) throw new Error(`tray menu item ${String(want)} has no submenu`);
      items = sub;
    }
  }
}

export class EmulatedNotification extends EventEmitter {
  shown = false;
  closed = false;
  private readonly electron: EmulatedElectron;
  readonly options: { title: string; body: string };
  constructor(electron: EmulatedElectron, options: { title: string; body: string }) {
    super();
    this.electron = electron;
    this.options = options;
  }
  get title(): string {
    return this.options.title;
  }
  get body(): string {
    return this.options.body;
  }
  show(): void {
    this.shown = true;
    this.electron.notifications.push(this);
    this.emit('show');
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
  /** The user clicks it. */
  click(): void {
    this.emit('click');
  }
}
