import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
const { setupMainWindow } = await import('../../../main/electron/main-window.ts');

beforeEach(() => {
  fake.resetFakes();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function host(openAtStart = true) {
  const visible: boolean[] = [];
  const focused = vi.fn();
  const onClosed = vi.fn();
  const made: fake.BrowserWindow[] = [];
  const w = setupMainWindow({ make: () => (made.push(new fake.BrowserWindow({ show: false })), made.at(-1) as never), graceMs: 30_000, openAtStart, onClosed });
  w.follow({ visible: (v) => visible.push(v), focused });
  // What the composition does with the core's "the window has drawn" (ui.ready).
  const place = { windowReady: () => w.drawn() };
  return { w, place, made, onClosed, visible, focused };
}

describe('the main window over time', () => {
  it('shown once its first screen is drawn, not when the page is', () => {
    const { made, place } = host();
    made[0]!.emit('ready-to-show');
    expect(made[0]!.visible).toBe(false);
    place.windowReady();
    expect(made[0]!.visible).toBe(true);
  });

  it('a renderer that never says it has drawn is shown anyway, 3 s after its page is', () => {
    const { made } = host();
    made[0]!.emit('ready-to-show');
    vi.advanceTimersByTime(2_999);
    expect(made[0]!.visible).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]!.visible).toBe(true);
  });

  it('a hidden start makes no window; opening makes one; events go to the window there is', () => {
    const { w, made, place } = host(false);
    expect([made.length, w.current()]).toEqual([0, null]);
    w.send('state.accounts', {}); // nowhere to go, and no error
    w.open();
    place.windowReady();
    w.send('state.accounts', { n: 1 });
    expect(made[0]!.webContents.sent).toEqual([{ channel: 'state.accounts', payload: { n: 1 } }]);
  });

  it('hidden past the grace period: destroyed (not a quit); a window with a child waits', () => {
    const { w, made, place, onClosed, visible } = host();
    place.windowReady();
    made[0]!.hide();
    const child = new fake.BrowserWindow({ parent: made[0] });
    vi.advanceTimersByTime(30_000);
    expect(made[0]!.destroyed).toBe(false);
    child.destroy();
    vi.advanceTimersByTime(30_000);
    expect(made[0]!.destroyed).toBe(true);
    expect(w.current()).toBeNull();
    expect(onClosed).not.toHaveBeenCalled();
    expect(visible.at(-1)).toBe(false);
    w.open();
    expect(made).toHaveLength(2);
  });

  it('opened again within the grace period: the same window, kept', () => {
    const { w, made, place } = host();
    place.windowReady();
    made[0]!.hide();
    vi.advanceTimersByTime(29_000);
    w.open();
    vi.advanceTimersByTime(60_000);
    expect([made.length, made[0]!.destroyed, made[0]!.visible]).toEqual([1, false, true]);
  });

  it('whoever follows the window is told at once, then on every change: in view, minimized, focused, gone', () => {
    const { w, made, place, visible, focused } = host();
    expect(visible).toEqual([false]); // told at once: not drawn, not in view
    place.windowReady();
    expect(visible.at(-1)).toBe(true);
    expect(focused).toHaveBeenCalled();
    made[0]!.minimize();
    expect(visible.at(-1)).toBe(false);
    made[0]!.restore();
    expect(visible.at(-1)).toBe(true);
    const later: boolean[] = [];
    w.follow({ visible: (v) => later.push(v), focused: () => undefined });
    expect(later).toEqual([true]);
    made[0]!.close();
    expect(later.at(-1)).toBe(false);
  });

  it('before anyone follows it (the core is still loading), the window shows, hides, takes focus and closes without fault', () => {
    const made: fake.BrowserWindow[] = [];
    const w = setupMainWindow({ make: () => (made.push(new fake.BrowserWindow({ show: false })), made.at(-1) as never), graceMs: 30_000, openAtStart: true, onClosed: () => undefined });
    w.drawn();
    made[0]!.minimize();
    made[0]!.restore();
    made[0]!.hide();
    made[0]!.show();
    expect(made[0]!.visible).toBe(true);
    expect(() => made[0]!.close()).not.toThrow();
  });

  it('shown again from outside (the system, not the app) within the grace period: not destroyed', () => {
    const { made, place } = host();
    place.windowReady();
    made[0]!.hide();
    vi.advanceTimersByTime(10_000);
    made[0]!.show();
    vi.advanceTimersByTime(60_000);
    expect(made[0]!.destroyed).toBe(false);
  });

  it('"drawn" before any window, or for a closed one, shows nothing', () => {
    const { w, made } = host(false);
    w.drawn();
    w.open();
    expect(made[0]!.visible).toBe(false);
  });

  it('closed for real (close-to-tray off) says so', () => {
    const { made, onClosed } = host();
    made[0]!.close();
    expect(onClosed).toHaveBeenCalledTimes(1);
  });
});
