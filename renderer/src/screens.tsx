/**
 * Screens the first paint does not show, each in its own chunk (bench figure 1): a login in
 * progress (its steps and the QR encoder), adding an account, reconnecting all, confirming a
 * reconnect, Settings.
 * Before the first screen, the window loads the one it is about to show (so it never flashes an
 * empty screen, reopened on a login included); after it, the rest, when idle.
 */
import type { ComponentType, JSX } from 'react';
import { laterParts } from './later.ts';
import { loadOnce, useLoaded } from './load-once.ts';
import type { Route } from './store.ts';

export interface LazyScreen<P> {
  (props: P): JSX.Element | null;
  /** Loads the chunk; resolves once the screen renders at once. */
  load(): Promise<void>;
}

/**
 * A component whose code loads on first use, with what the first paint leaves out (the rest of the English and
 * of the styles: later.ts); it renders nothing for the moment they take.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  const code = loadOnce(() => Promise.all([load(), laterParts.load()]).then(([screen]) => screen));
  function Screen(props: P): JSX.Element | null {
    const Loaded = useLoaded(code);
    return Loaded ? <Loaded {...props} /> : null;
  }
  return Object.assign(Screen, { load: () => code.load().then(() => undefined) });
}

export const SessionScreen = lazyScreen(() => import('./components/Session.tsx').then((m) => m.SessionScreen));
export const AddAccountScreen = lazyScreen(() => import('./components/AddAccount.tsx').then((m) => m.AddAccountScreen));
export const ReconnectAllScreen = lazyScreen(() => import('./components/ReconnectAll.tsx').then((m) => m.ReconnectAllScreen));
export const ConfirmReconnectScreen = lazyScreen(() => import('./components/ConfirmReconnect.tsx').then((m) => m.ConfirmReconnectScreen));
export const SettingsDialog = lazyScreen(() => import('./components/Settings.tsx').then((m) => m.SettingsDialog));
/** The details beside the list (the account, its login, its history; Remove). */
export const AccountDetails = lazyScreen(() => import('./components/AccountDetails.tsx').then((m) => m.AccountDetails));
/** Before the account list: finding Beeper Desktop, connecting to it. */
const gate = () => import('./components/Connect.tsx');
export const Searching = lazyScreen(() => gate().then((m) => m.Searching));
export const NotRunning = lazyScreen(() => gate().then((m) => m.NotRunning));
export const DesktopNeedsLogin = lazyScreen(() => gate().then((m) => m.DesktopNeedsLogin));
export const ConnectScreen = lazyScreen(() => gate().then((m) => m.ConnectScreen));
const GATE = [Searching, NotRunning, DesktopNeedsLogin, ConnectScreen];

const BY_ROUTE: Record<Exclude<Route['to'], 'accounts'>, LazyScreen<never>> = {
  'add-account': AddAccountScreen,
  session: SessionScreen,
  'reconnect-all': ReconnectAllScreen,
  'confirm-reconnect': ConfirmReconnectScreen,
};

/** The code of the screen a route shows, loaded: the gate's when it shows, the details' when one is open. */
export function loadScreenOf(route: Route, atTheGate = false): Promise<unknown> {
  if (atTheGate) return Promise.all(GATE.map((s) => s.load()));
  if (route.to === 'accounts') return route.selected ? AccountDetails.load() : Promise.resolve();
  return BY_ROUTE[route.to].load();
}

/** Every screen's code. */
export const loadAllScreens = (): Promise<unknown> => Promise.allSettled([...Object.values(BY_ROUTE), SettingsDialog, AccountDetails, ...GATE].map((s) => s.load()));

/** Every other screen, loaded while nothing else happens: later navigation never waits for a chunk. */
export function loadScreensWhenIdle(): void {
  const loadAll = (): void => void loadAllScreens();
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(loadAll);
  else setTimeout(loadAll, 200);
}
