/**
 * The renderer's state: a mirror of what main pushes (connection, sign-in, accounts, sessions,
 * settings) plus UI-only state (which screen, notices). The renderer never talks to the network
 * and never holds the token: every action is a call on the contract API.
 */
import { create } from 'zustand';
import type { BeeperAccountManagerAPI } from '../../preload/contract/api.ts';
import type { EventPayload, EventSchemas } from '../../preload/contract/schemas.ts';
import { reconnectAllRoute } from '../../preload/contract/routes.ts';
import type { AccountsView, AppSnapshot, AuthView, Capabilities, ConnectionView, ReconnectAllView, SessionView, SettingsView, UpdaterView } from '../../preload/contract/views.ts';
import { NO_CAPABILITIES } from '../../preload/contract/capabilities.ts';
import { keepUnchanged } from './keep-unchanged.ts';
import { NO_FILTER, type ListFilter } from './account-filter.ts';
import { englishTranslator } from '../../preload/contract/i18n/catalogues.ts';
import type { Translate, Translator } from '../../preload/contract/i18n/translator.ts';

/** Which screen shows: the contract's navigation targets (one name per screen, main and window alike). */
export type Route = EventPayload<'ui.navigate'>;

/** What the first screen is: its route, or the gate before the list; and what it shows (the snapshot, the list's filter). */
export interface FirstScreen {
  route: Route;
  gate: boolean;
  snapshot: AppSnapshot;
  listFilter: ListFilter;
}

export interface Notice {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
  /**
   * Said while Beeper Desktop was not running: about that, so it goes once Beeper Desktop is back.
   * (Read from the connection, not from the error: in Electron an error crossing the context bridge
   * keeps only its message.)
   */
  whileGone: boolean;
}

export interface AppState {
  api: BeeperAccountManagerAPI | null;
  /** The first snapshot has arrived. */
  ready: boolean;
  /** The browser preview's socket to the host is up (always true in Electron). */
  hostConnected: boolean;
  capabilities: Capabilities;
  connection: ConnectionView | null;
  auth: AuthView | null;
  accounts: AccountsView | null;
  sessions: Record<string, SessionView>;
  /** "Reconnect all", while it runs and until its summary is closed. */
  reconnectAll: ReconnectAllView | null;
  settings: SettingsView | null;
  updater: UpdaterView | null;
  route: Route;
  notices: Notice[];
  /** The browser preview's last "open in the system browser" link, offered in case a popup blocker stopped it. */
  externalLink: string | null;
  /** The account list's search and filter: kept while the user visits another screen. */
  listFilter: ListFilter;
  /** Network sections the user folded, by bridge ID. */
  collapsed: Readonly<Record<string, true>>;
  /** Counts the times the history was cleared here: an open timeline asks for it again. */
  historyCleared: number;
  /** The window's language (renderer/src/i18n.ts). */
  translator: Translator;
  /** Runs when main's settings name a locale: the window speaks it (set by main.tsx). */
  onLocale: (settings: SettingsView) => Promise<void>;
  /** Loads the code the first screen draws with (set by main.tsx: renderer/src/screens.tsx). */
  loadScreen: (first: FirstScreen) => Promise<unknown>;
  /** Loads the logos of these networks (set by main.tsx). */
  loadLogos: (networkTypes: string[]) => Promise<unknown>;
  /** Settles once the first screen is complete, its logos included: main shows the window then. */
  firstScreenComplete: Promise<unknown>;

  init: (api: BeeperAccountManagerAPI) => Promise<void>;
  applySnapshot: (s: AppSnapshot) => void;
  /** The connection from main; a notice about Beeper Desktop being gone ends when it is back. */
  receiveConnection: (connection: ConnectionView) => void;
  /** A new accounts view from main; what did not change keeps its objects (see keep-unchanged.ts). */
  receiveAccounts: (view: AccountsView) => void;
  /** The queue moved: a window that follows it (on its login or its screen) goes where it now is. */
  receiveReconnectAll: (view: ReconnectAllView | null) => void;
  navigate: (route: Route) => void;
  setListFilter: (patch: Partial<ListFilter>) => void;
  toggleCollapsed: (bridgeID: string) => void;
  notify: (tone: Notice['tone'], text: string) => void;
  dismissNotice: (id: number) => void;
  /** Runs an API call; on failure shows its message and resolves to null. */
  run: <T>(call: (api: BeeperAccountManagerAPI) => Promise<T>) => Promise<T | null>;
}

let noticeID = 0;

type StoreSet = (partial: Partial<AppState> | ((st: AppState) => Partial<AppState>)) => void;

/**
 * Every event main pushes, into the store. `hold()` keeps them, in order, until `release()`: between
 * the first snapshot's arrival and its use they are newer than it, and must land after it.
 */
function listen(api: BeeperAccountManagerAPI, get: () => AppState, set: StoreSet): { hold(): void; release(): void } {
  let held: Array<() => void> | null = null;
  const on = <E extends keyof EventSchemas>(event: E, apply: (payload: EventPayload<E>) => void): void => {
    api.on(event, (payload) => (held ? held.push(() => apply(payload)) : apply(payload)));
  };
  on('state.connection', (connection) => get().receiveConnection(connection));
  on('state.auth', (auth) => set({ auth }));
  on('state.accounts', (accounts) => get().receiveAccounts(accounts));
  on('state.settings', (settings) => {
    set({ settings });
    void get().onLocale(settings);
  });
  on('state.updater', (updater) => set({ updater }));
  on('state.reconnectAll', (view) => get().receiveReconnectAll(view));
  on('state.session', (s) => set((st) => ({ sessions: { ...st.sessions, [s.id]: s } })));
  on('state.sessionRemoved', ({ sessionID }) =>
    set((st) => {
      const sessions = { ...st.sessions };
      delete sessions[sessionID];
      const route = st.route.to === 'session' && st.route.sessionID === sessionID ? ({ to: 'accounts' } as const) : st.route;
      return { sessions, route };
    }),
  );
  on('ui.navigate', (route) => set({ route }));
  return {
    hold: () => void (held ??= []),
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const apply of waiting) apply();
    },
  };
}

/** The account list's own state: its search, its filter, its folded sections. */
const listActions = (set: StoreSet): Pick<AppState, 'setListFilter' | 'toggleCollapsed'> => ({
  setListFilter(patch) {
    set((st) => ({ listFilter: { ...st.listFilter, ...patch } }));
  },
  toggleCollapsed(bridgeID) {
    set((st) => {
      const collapsed = { ...st.collapsed };
      if (collapsed[bridgeID]) delete collapsed[bridgeID];
      else collapsed[bridgeID] = true;
      return { collapsed };
    });
  },
});

export const useApp = create<AppState>()((set, get) => ({
  api: null,
  ready: false,
  hostConnected: true,
  capabilities: NO_CAPABILITIES,
  connection: null,
  auth: null,
  accounts: null,
  sessions: {},
  reconnectAll: null,
  settings: null,
  updater: null,
  route: { to: 'accounts' },
  notices: [],
  externalLink: null,
  listFilter: NO_FILTER,
  collapsed: {},
  historyCleared: 0,
  translator: englishTranslator(),
  onLocale: () => Promise.resolve(),
  loadScreen: () => Promise.resolve(),
  loadLogos: () => Promise.resolve(),
  firstScreenComplete: Promise.resolve(),

  init: (api) => start(api, get, set),

  applySnapshot(s) {
    set({
      ready: true,
      capabilities: s.capabilities,
      connection: s.connection,
      auth: s.auth,
      accounts: keepUnchanged(get().accounts, s.accounts),
      settings: s.settings,
      updater: s.updater,
      sessions: sessionsByID(s.sessions),
      reconnectAll: s.reconnectAll,
    });
  },

  receiveConnection(connection) {
    set((st) => ({ connection, notices: connection.status === 'running' ? st.notices.filter((n) => !n.whileGone) : st.notices }));
  },

  receiveAccounts(view) {
    set((st) => ({ accounts: keepUnchanged(st.accounts, view) }));
  },

  receiveReconnectAll(view) {
    set((st) => ({ reconnectAll: view, route: followsQueue(st) && view ? reconnectAllRoute(view) : st.route }));
  },

  navigate(route) {
    set({ route });
  },

  ...listActions(set),

  notify(tone, text) {
    const id = ++noticeID;
    const whileGone = tone === 'error' && get().connection?.status === 'not-running';
    set((st) => ({ notices: [...st.notices.slice(-3), { id, tone, text, whileGone }] }));
    if (tone !== 'error') setTimeout(() => get().dismissNotice(id), 6_000);
  },

  dismissNotice(id) {
    set((st) => ({ notices: st.notices.filter((n) => n.id !== id) }));
  },

  async run(call) {
    const api = get().api;
    if (!api) return null;
    try {
      return await call(api);
    } catch (e) {
      const message = e instanceof Error ? e.message : get().translator.t('app.failed');
      get().notify('error', message);
      return null;
    }
  },
}));

/** The window's start: main's events, its state, the first screen's code, then the place it opens on. */
async function start(api: BeeperAccountManagerAPI, get: () => AppState, set: StoreSet): Promise<void> {
  set({ api });
  const events = listen(api, get, set);
  const snapshot = await get().run((a) => a.getState());
  if (!snapshot) return;
  // The first screen's code loads before the snapshot is used: what main pushes meanwhile waits.
  events.hold();
  try {
    await openWhereItWas(snapshot, get, set);
    get().applySnapshot(snapshot);
  } finally {
    events.release();
  }
  rememberPlaces(api, get);
}

/**
 * Before the first screen: where the last window was (this one may be its successor; a login that
 * is over excepted), in the user's language and with its screen's code loaded, so nothing flashes.
 * The logos load meanwhile: the list draws without waiting for them (each keeps its place).
 */
async function openWhereItWas(snapshot: AppSnapshot, get: () => AppState, set: StoreSet): Promise<void> {
  const place = snapshot.place && { ...snapshot.place, route: stillThere(snapshot.place.route, snapshot) };
  const first: FirstScreen = { route: place?.route ?? get().route, gate: atTheGate(snapshot.auth, snapshot.accounts), snapshot, listFilter: place?.listFilter ?? get().listFilter };
  const logos = get().loadLogos(logosOnFirstScreen(first));
  await Promise.all([get().onLocale(snapshot.settings), get().loadScreen(first)]);
  set({ firstScreenComplete: logos });
  if (place) set({ route: place.route, listFilter: place.listFilter, collapsed: Object.fromEntries(place.collapsed.map((id) => [id, true] as const)) });
}

/**
 * The networks whose logos the first screen shows: the list's sections (not every bridge there is:
 * those load when idle, screens.tsx), or every network on "Add account"; none at the gate.
 */
export function logosOnFirstScreen({ route, gate, snapshot }: FirstScreen): string[] {
  if (gate) return [];
  const networks = snapshot.accounts.networks;
  return (route.to === 'add-account' ? networks : networks.filter((n) => n.listed)).map((n) => n.type);
}

/** A route to a login that has ended and gone leads to the account list. */
function stillThere(route: Route, snapshot: AppSnapshot): Route {
  return route.to === 'session' && !snapshot.sessions.some((x) => x.id === route.sessionID) ? { to: 'accounts' } : route;
}

/** Tells main where the window is whenever that changes (main/core/window-place.ts keeps it). */
function rememberPlaces(api: BeeperAccountManagerAPI, get: () => AppState): void {
  let last: Pick<AppState, 'route' | 'listFilter' | 'collapsed'> | null = null;
  const tell = (st: AppState): void => {
    if (last && st.route === last.route && st.listFilter === last.listFilter && st.collapsed === last.collapsed) return;
    last = { route: st.route, listFilter: st.listFilter, collapsed: st.collapsed };
    api.rememberPlace({ route: st.route, listFilter: st.listFilter, collapsed: Object.keys(st.collapsed) }).catch(() => undefined);
  };
  tell(get());
  useApp.subscribe(tell);
}

/** The window is on the queue's screen, or on the login of the account the queue is reconnecting. */
function followsQueue(st: AppState): boolean {
  const { route, reconnectAll } = st;
  if (route.to === 'reconnect-all') return true;
  return route.to === 'session' && reconnectAll !== null && reconnectAll.items.some((i) => i.sessionID === route.sessionID);
}

/** Before the account list: not signed in, or no accounts fetched yet (finding Beeper Desktop, connecting). */
export const atTheGate = (auth: AuthView | null, accounts: AccountsView | null): boolean => !(auth?.status === 'signed-in' && accounts?.lastRefreshedAt);

/** Signed in, and Beeper Desktop is gone: a banner says so, and what is shown is as last seen. */
export const desktopGone = (auth: AuthView | null, connection: ConnectionView | null): boolean => auth?.status === 'signed-in' && connection?.status !== 'running';

/** Signed in, where the OS offers no secure storage for the sign-in: the window asks what to do. */
export const asksStorageConsent = (auth: AuthView | null): auth is AuthView => auth?.status === 'signed-in' && auth.storage.needsConsent;

/** An update is downloaded: a banner offers to restart into it. */
export const updateReady = (updater: UpdaterView | null): updater is UpdaterView => updater?.status === 'ready';

/** Signed in, the list fetched, and no chat account: the list invites to add one. */
export const noChatAccountsYet = (accounts: AccountsView | null): boolean => accounts !== null && !accounts.hasChatAccounts && Boolean(accounts.lastRefreshedAt);

/** The banner that says Beeper Desktop is gone (components/Occasional.tsx): what actions that need it point at. */
export const DESKTOP_GONE_BANNER = 'desktop-gone';

/**
 * Props for a control that needs Beeper Desktop: off while it is gone, pointing at the banner that
 * says why (so the reason is at hand for a screen reader too).
 */
export function useNeedsDesktop(): { disabled: boolean; 'aria-describedby'?: string } {
  const gone = useApp((s) => s.connection !== null && s.connection.status !== 'running');
  return gone ? { disabled: true, 'aria-describedby': DESKTOP_GONE_BANNER } : { disabled: false };
}

/** What a login is doing, in a few words: "Adding Slack", "Reconnecting Telegram" (`lower`: inside a sentence). */
export const sessionLabel = (s: Pick<SessionView, 'reconnect' | 'bridgeName'>, t: Translate, start: 'capital' | 'lower' = 'capital'): string => {
  const network = { network: s.bridgeName };
  if (start === 'lower') return t(s.reconnect ? 'progress.reconnectingLower' : 'progress.addingLower', network);
  return t(s.reconnect ? 'progress.reconnecting' : 'progress.adding', network);
};

/** A snapshot's sessions as the store keeps them: by ID. */
export const sessionsByID = (sessions: readonly SessionView[]): Record<string, SessionView> => Object.fromEntries(sessions.map((x) => [x.id, x]));

/** The account list's logins in progress: those still going, newest first, then those that ended on their own. */
export const sessionsInList = (sessions: Record<string, SessionView>): SessionView[] => [...liveSessions(sessions), ...Object.values(sessions).filter((s) => s.phase === 'failed')];

/** Sessions that are still going, newest first. */
export const liveSessions = (sessions: Record<string, SessionView>): SessionView[] =>
  Object.values(sessions)
    .filter((s) => !s.finished)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
