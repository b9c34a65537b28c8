/**
 * Where the user is in the window (its screen, search, folded sections), kept in main: a window
 * closed to the tray is destroyed after a while (main/policy/window-lifecycle.ts), and the next one
 * opens where the last one was. Main moves it too (a tray item, a link, a notification): whether a
 * window exists to hear that or not, the next snapshot says where to be.
 */
import type { Route, WindowPlace } from '../../preload/contract/views.ts';

const START: WindowPlace = { route: { to: 'accounts' }, listFilter: { query: '', attentionOnly: false }, collapsed: [] };

export class WindowPlaceKeeper {
  private place: WindowPlace | null = null;
  private readonly readyListeners = new Set<() => void>();
  private readonly sendRoute: (route: Route) => void;

  constructor(sendRoute: (route: Route) => void) {
    this.sendRoute = sendRoute;
  }

  /** Null until a window said where it is, or main sent it somewhere. */
  current(): WindowPlace | null {
    return this.place;
  }

  /** The window moved (it tells main each time). */
  remember(place: WindowPlace): void {
    this.place = place;
  }

  /** Main sends the window to a screen: the window hears it now, and a window opened later starts there. */
  navigate(route: Route): void {
    this.place = { ...(this.place ?? START), route };
    this.sendRoute(route);
  }

  /** A login ended and was dismissed: a window that was on it opens on the account list. */
  sessionGone(sessionID: string): void {
    const route = this.place?.route;
    if (route?.to === 'session' && route.sessionID === sessionID) this.place = { ...this.place!, route: START.route };
  }

  /** The window has drawn its first screen. */
  windowReady(): void {
    for (const l of this.readyListeners) l();
  }

  onWindowReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }
}
