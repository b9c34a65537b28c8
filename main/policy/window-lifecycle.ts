/**
 * The main window's life, as one state machine: a window closed to the tray is destroyed after a
 * grace period (its renderer process with it: tens of megabytes nobody looks at for months), and
 * opening the app again makes a new one. Main keeps every state meanwhile (accounts, logins in
 * progress, settings, and where the window was: main/core/window-place.ts). Plain Node; the
 * Electron side is main/electron/main-window.ts.
 */

/** No window (none made yet, or the last one destroyed); one on screen; one hidden, its grace running. */
export type WindowPhase = 'none' | 'shown' | 'hidden';

/**
 * open: the app is asked to show (tray, link, notification, second launch, dock);
 * hidden / shown: the window was hidden (closed to the tray) or shown again;
 * graceOver: the hidden window's grace period ended; closed: the window is gone (destroyed or closed for real).
 */
export type WindowEvent = 'open' | 'hidden' | 'shown' | 'graceOver' | 'closed';

/** What the shell does on a transition. */
export type WindowEffect = 'create' | 'show' | 'startGrace' | 'cancelGrace' | 'destroy' | null;

type Transition = readonly [next: WindowPhase, effect: WindowEffect];

const TRANSITIONS: { readonly [P in WindowPhase]: { readonly [E in WindowEvent]: Transition } } = {
  none: {
    open: ['shown', 'create'],
    hidden: ['none', null],
    shown: ['none', null],
    graceOver: ['none', null],
    closed: ['none', null],
  },
  shown: {
    open: ['shown', 'show'],
    hidden: ['hidden', 'startGrace'],
    shown: ['shown', null],
    graceOver: ['shown', null],
    closed: ['none', null],
  },
  hidden: {
    open: ['shown', 'show'],
    hidden: ['hidden', null],
    shown: ['shown', 'cancelGrace'],
    graceOver: ['none', 'destroy'],
    closed: ['none', 'cancelGrace'],
  },
};

export function windowTransition(phase: WindowPhase, event: WindowEvent): Transition {
  return TRANSITIONS[phase][event];
}

/** How long a window closed to the tray is kept before it is destroyed: long enough for a quick reopen. */
export const HIDDEN_WINDOW_GRACE_MS = 30_000;

export interface WindowLifecycleDeps {
  create(): void;
  show(): void;
  destroy(): void;
  /** False while the window may not go yet (a cookie-capture window hangs on it): the grace starts again. */
  mayDestroy(): boolean;
  graceMs: number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** The machine with its timer: feed it events, it calls the effects. */
export class WindowLifecycle {
  private now: WindowPhase = 'none';
  private timer: unknown = null;
  private readonly deps: WindowLifecycleDeps;

  constructor(deps: WindowLifecycleDeps) {
    this.deps = deps;
  }

  get phase(): WindowPhase {
    return this.now;
  }

  send(event: WindowEvent): void {
    const [next, effect] = windowTransition(this.now, event);
    this.now = next;
    this.run(effect);
  }

  private run(effect: WindowEffect): void {
    switch (effect) {
      case 'create':
        this.deps.create();
        return;
      case 'show':
        this.cancel();
        this.deps.show();
        return;
      case 'startGrace':
        this.cancel();
        this.timer = this.deps.setTimer(() => {
          this.timer = null;
          if (this.deps.mayDestroy()) this.send('graceOver');
          else this.run('startGrace');
        }, this.deps.graceMs);
        return;
      case 'cancelGrace':
        this.cancel();
        return;
      case 'destroy':
        this.deps.destroy();
        return;
      case null:
        return;
    }
  }

  private cancel(): void {
    if (this.timer === null) return;
    this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
