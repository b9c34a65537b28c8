/** Pieces every part of the emulation shares: listeners, and events handlers can prevent. */

export type Listener = (...args: unknown[]) => unknown;

/** An Electron event: `preventDefault()` is how handlers say no. */
export interface EmulatedEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}
export function event(extra: Record<string, unknown> = {}): EmulatedEvent {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    extra,
  );
}
