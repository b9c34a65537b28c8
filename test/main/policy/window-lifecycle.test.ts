import { describe, expect, it, vi } from 'vitest';
import { windowTransition, WindowLifecycle, type WindowEvent, type WindowPhase } from '../../../main/policy/window-lifecycle.ts';

function machine(mayDestroy = () => true) {
  const calls: string[] = [];
  let timer: { fn: () => void; ms: number } | null = null;
  const m = new WindowLifecycle({
    create: () => calls.push('create'),
    show: () => calls.push('show'),
    destroy: () => calls.push('destroy'),
    mayDestroy,
    graceMs: 30_000,
    setTimer: (fn, ms) => (timer = { fn, ms }),
    clearTimer: (t) => {
      expect(t).toBe(timer);
      calls.push('clear');
      timer = null;
    },
  });
  const elapse = (): void => {
    const t = timer!;
    timer = null;
    t.fn();
  };
  return { m, calls, timer: () => timer, elapse };
}

describe('the main window’s life', () => {
  it('every phase answers every event (the table is total), and only the hidden window is ever destroyed', () => {
    const phases: WindowPhase[] = ['none', 'shown', 'hidden'];
    const events: WindowEvent[] = ['open', 'hidden', 'shown', 'graceOver', 'closed'];
    const destroys = phases.flatMap((p) => events.filter((e) => windowTransition(p, e)[1] === 'destroy').map((e) => `${p}+${e}`));
    expect(destroys).toEqual(['hidden+graceOver']);
    expect(phases.flatMap((p) => events.map((e) => windowTransition(p, e)[0])).every((n) => phases.includes(n))).toBe(true);
    expect(windowTransition('none', 'open')).toEqual(['shown', 'create']);
    expect(windowTransition('shown', 'closed')).toEqual(['none', null]);
  });

  it('open makes a window; closed to the tray, it is destroyed after the grace period; open again makes a new one', () => {
    const { m, calls, timer, elapse } = machine();
    m.send('open');
    expect([m.phase, calls]).toEqual(['shown', ['create']]);
    m.send('hidden');
    expect(m.phase).toBe('hidden');
    expect(timer()!.ms).toBe(30_000);
    elapse();
    expect([m.phase, calls]).toEqual(['none', ['create', 'destroy']]);
    m.send('closed'); // Electron's 'closed' for the destroyed window
    m.send('open');
    expect([m.phase, calls]).toEqual(['shown', ['create', 'destroy', 'create']]);
  });

  it('opened again within the grace period: the same window is shown, and its timer is cancelled', () => {
    const { m, calls, timer } = machine();
    m.send('open');
    m.send('hidden');
    m.send('open');
    expect([m.phase, calls, timer()]).toEqual(['shown', ['create', 'clear', 'show'], null]);
    m.send('hidden');
    m.send('shown'); // shown by the OS (the dock, the taskbar)
    expect([m.phase, timer()]).toEqual(['shown', null]);
    expect(calls.at(-1)).toBe('clear');
  });

  it('a window that may not go yet (a capture window hangs on it) waits another grace period', () => {
    const may = vi.fn(() => false);
    const { m, calls, timer, elapse } = machine(may);
    m.send('open');
    m.send('hidden');
    elapse();
    expect([m.phase, calls, timer()?.ms]).toEqual(['hidden', ['create'], 30_000]);
    may.mockReturnValue(true);
    elapse();
    expect([m.phase, calls]).toEqual(['none', ['create', 'destroy']]);
  });

  it('a window closed for real while hidden stops its timer; a show or hide with no window changes nothing', () => {
    const { m, calls, timer } = machine();
    m.send('hidden');
    m.send('shown');
    m.send('graceOver');
    expect([m.phase, calls]).toEqual(['none', []]);
    m.send('open');
    m.send('hidden');
    m.send('closed');
    expect([m.phase, calls, timer()]).toEqual(['none', ['create', 'clear'], null]);
  });
});
