/**
 * Screens the first paint does not show, each in its own chunk (bench figure 1): a login in
 * progress (its steps and the QR encoder), adding an account, reconnecting all, confirming a
 * reconnect, Settings; and the parts of the first screens shown only now and then.
 * Before the first screen, the window loads the one it is about to show (so it never flashes an
 * empty screen, reopened on a login included); after it, the rest, when idle.
 */
import type { ComponentType, JSX } from 'react';
import { laterParts } from './later.ts';
import { loadOnce, useLoaded } from './load-once.ts';
import { asksStorageConsent, desktopGone, noChatAccountsYet, sessionsByID, sessionsInList, updateReady, type FirstScreen, type Route } from './store.ts';
import { isFiltering } from './account-filter.ts';
import { loadAllNetworkIcons } from './components/NetworkIcon.tsx';

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
/** Banners and the account list's occasional parts: one chunk. */
const occasional = () => import('./components/Occasional.tsx');
export const DesktopGone = lazyScreen(() => occasional().then((m) => m.DesktopGone));
export const StorageConsent = lazyScreen(() => occasional().then((m) => m.StorageConsent));
export const UpdateReady = lazyScreen(() => occasional().then((m) => m.UpdateReady));
export const InProgress = lazyScreen(() => occasional().then((m) => m.InProgress));
export const NoMatch = lazyScreen(() => occasional().then((m) => m.NoMatch));
export const EmptyList = lazyScreen(() => occasional().then((m) => m.EmptyList));
const OCCASIONAL = [DesktopGone, StorageConsent, UpdateReady, InProgress, NoMatch, EmptyList];

/** Whether the first screen shows one of the occasional parts (by the rules that show each: store.ts). */
function showsOccasional({ snapshot: s, listFilter }: FirstScreen): boolean {
  return desktopGone(s.auth, s.connection) || asksStorageConsent(s.auth) || updateReady(s.updater) || sessionsInList(sessionsByID(s.sessions)).length > 0 || noChatAccountsYet(s.accounts) || isFiltering(listFilter);
}

const BY_ROUTE: Record<Exclude<Route['to'], 'accounts'>, LazyScreen<never>> = {
  'add-account': AddAccountScreen,
  session: SessionScreen,
  'reconnect-all': ReconnectAllScreen,
  'confirm-reconnect': ConfirmReconnectScreen,
};

/** The code of the screen a route shows, loaded: the gate's when it shows, the details' when one is open. */
function loadRouteScreen(route: Route, atTheGate: boolean): Promise<unknown> {
  if (atTheGate) return Promise.all(GATE.map((s) => s.load()));
  if (route.to === 'accounts') return route.selected ? AccountDetails.load() : Promise.resolve();
  return BY_ROUTE[route.to].load();
}

/** The code the first screen draws with, loaded: its route's screen, and the occasional parts when it shows one. */
export const loadFirstScreen = (first: FirstScreen): Promise<unknown> =>
  Promise.all([loadRouteScreen(first.route, first.gate), showsOccasional(first) && Promise.all(OCCASIONAL.map((p) => p.load()))]);

/** Every screen's code. */
export const loadAllScreens = (): Promise<unknown> => Promise.allSettled([...Object.values(BY_ROUTE), SettingsDialog, AccountDetails, ...GATE, ...OCCASIONAL].map((s) => s.load()));

/** Every other screen and every logo, loaded while nothing else happens: later navigation never waits for a chunk. */
export function loadScreensWhenIdle(): void {
  const loadAll = (): void => void Promise.allSettled([loadAllScreens(), loadAllNetworkIcons()]);
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(loadAll);
  else setTimeout(loadAll, 200);
}
