/**
 * The main window over time: made when the app is opened, shown once its first screen is drawn
 * (never an empty or loading one), destroyed when it has been closed to the tray for the grace
 * period, and made again on the next open. The decisions are main/policy/window-lifecycle.ts's.
 */
import type { BrowserWindow } from 'electron';
import { WindowLifecycle } from '../policy/window-lifecycle.ts';
import { sendToWindow } from './ipc.ts';

export interface MainWindow {
  /** The window, when one exists. */
  current: () => BrowserWindow | null;
  /** Shows the app: the hidden window again, or a new one once drawn. */
  open: () => void;
  /** An event to the window, if one exists (a new one reads the state when it starts). */
  send: (channel: string, payload: unknown) => void;
  /** The renderer has drawn its first screen: the window may be shown. */
  drawn: () => void;
  /** Who follows the window (the core: it refreshes faster while the window is in view); told the state at once. */
  follow: (watcher: WindowWatcher) => void;
}

export interface WindowWatcher {
  /** In view or not: shown and not minimized. */
  visible(yes: boolean): void;
  focused(): void;
}

export interface MainWindowOptions {
  /** Makes a window, hidden until shown here. */
  make(): BrowserWindow;
  graceMs: number;
  /** Open at start (not a hidden start: login item, `--hidden`, "start minimized"). */
  openAtStart: boolean;
  /** The window was closed for real (close-to-tray off), not closed to the tray nor destroyed to rest. */
  onClosed(): void;
}

/** A window whose renderer never says it has drawn is shown anyway after this long. */
const DRAW_TIMEOUT_MS = 3_000;

function reveal(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

const inView = (win: BrowserWindow | null): boolean => win !== null && win.isVisible() && !win.isMinimized();

export function setupMainWindow(o: MainWindowOptions): MainWindow {
  let win: BrowserWindow | null = null;
  let drawn = false;
  let resting = false;
  let showDrawn = (): void => undefined;
  let watcher: WindowWatcher | null = null;

  const wire = (w: BrowserWindow): void => {
    const shown = (): void => {
      if (drawn || w.isDestroyed()) return;
      drawn = true;
      if (lifecycle.phase === 'shown') reveal(w);
    };
    showDrawn = shown;
    w.once('ready-to-show', () => setTimeout(shown, DRAW_TIMEOUT_MS).unref());
    w.on('hide', () => lifecycle.send('hidden'));
    w.on('show', () => lifecycle.send('shown'));
    for (const ev of ['show', 'hide', 'focus', 'minimize', 'restore'] as const) w.on(ev as 'show', () => watcher?.visible(inView(w)));
    w.on('focus', () => watcher?.focused());
    w.on('closed', () => {
      showDrawn = () => undefined;
      win = null;
      watcher?.visible(false);
      const forGood = !resting;
      resting = false;
      lifecycle.send('closed');
      if (forGood) o.onClosed();
    });
  };

  const lifecycle = new WindowLifecycle({
    create: () => {
      drawn = false;
      win = o.make();
      wire(win);
    },
    show: () => {
      if (win && drawn) reveal(win);
    },
    destroy: () => {
      resting = true;
      win?.destroy();
    },
    mayDestroy: () => win !== null && win.getChildWindows().length === 0,
    graceMs: o.graceMs,
    setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
  });
  if (o.openAtStart) lifecycle.send('open');

  const current = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null);
  return {
    current,
    open: () => lifecycle.send('open'),
    send: (channel, payload) => sendToWindow(current(), channel, payload),
    drawn: () => showDrawn(),
    follow: (w) => {
      watcher = w;
      w.visible(inView(current()));
    },
  };
}
