/**
 * The window: a gate in front (find Beeper Desktop, connect to it), then the account manager.
 * Losing Beeper Desktop after signing in does not hide the accounts: a banner says so while the
 * app looks for it again.
 */
import { useEffect, useRef, useState } from 'react';
import { AccountsScreen } from './components/Accounts.tsx';
import { AddAccountScreen } from './components/AddAccount.tsx';
import { ConnectScreen, DesktopNeedsLogin, NotRunning, Searching, StorageConsent } from './components/Connect.tsx';
import { SessionScreen } from './components/Session.tsx';
import { SettingsDialog } from './components/Settings.tsx';
import { Button, Icon, OpenBeeperDesktop, Spinner } from './components/ui.tsx';
import { DESKTOP_GONE_BANNER, liveSessions, sessionLabel, useApp } from './store.ts';
import { ConfirmReconnectScreen } from './components/ConfirmReconnect.tsx';
import { ReconnectAllScreen } from './components/ReconnectAll.tsx';

function Header() {
  const connection = useApp((s) => s.connection);
  const sessions = useApp((s) => s.sessions);
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  // On the accounts screen its own list of logins in progress is the way back.
  const live = route.to === 'accounts' ? [] : liveSessions(sessions).filter((s) => !(route.to === 'session' && route.sessionID === s.id));
  const running = connection?.status === 'running';
  const [settingsOpen, setSettingsOpen] = useState(false);
  // In a narrow window the header's actions fold into a menu (the toggle shows only there: styles.css).
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const choose = (act: () => void) => () => {
    setMenuOpen(false);
    act();
  };
  const closeMenu = (e: React.KeyboardEvent): void => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    toggle.current?.focus();
  };
  return (
    <header className="topbar" onKeyDown={closeMenu}>
      <button type="button" className="brand" onClick={() => navigate({ to: 'accounts' })}>
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span className="brand-name">Beeper Account Manager</span>
      </button>
      <div className="topbar-end">
        <span className={`pill ${running ? 'pill-ok' : 'pill-bad'}`} title={connection?.baseURL ?? undefined}>
          <span className="badge-dot" aria-hidden="true" />
          <span className="pill-text">{running ? `Beeper Desktop ${connection.desktopVersion ?? ''}` : connection?.status === 'searching' ? 'Searching…' : 'Beeper Desktop not found'}</span>
        </span>
        <button type="button" ref={toggle} className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="topbar-menu" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
          {live.length > 0 && (
            <>
              <span className="badge-dot" aria-hidden="true" />
              <span className="visually-hidden">, a login in progress</span>
            </>
          )}
        </button>
        <div id="topbar-menu" className={`topbar-right ${menuOpen ? 'open' : ''}`}>
          {live.length > 0 && (
            <Button variant="secondary" className="in-progress" onClick={choose(() => navigate(live.length === 1 ? { to: 'session', sessionID: live[0]!.id } : { to: 'accounts' }))}>
              <span className="spinner spinner-small" aria-hidden="true" /> {live.length === 1 ? `Continue ${sessionLabel(live[0]!, 'lower')}` : `${live.length} logins in progress`}
            </Button>
          )}
          <Button variant="ghost" onClick={choose(() => setSettingsOpen(true))}>
            Settings
          </Button>
        </div>
      </div>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}

/** Signed in, and Beeper Desktop is gone: what is shown is as last seen, and what needs it is off until it is back. */
function DesktopGone() {
  const connection = useApp((s) => s.connection);
  const run = useApp((s) => s.run);
  const [busy, setBusy] = useState(false);
  const retry = async (): Promise<void> => {
    setBusy(true);
    await run('look again', (api) => api.retryConnection());
    setBusy(false);
  };
  return (
    <div className="banner banner-bad" role="alert" id={DESKTOP_GONE_BANNER}>
      <span>
        {connection?.error?.message ?? 'Beeper Desktop is not reachable.'} Your accounts are shown as they were last seen; what needs Beeper Desktop is off until it is back.
      </span>
      <div className="actions">
        <Button busy={busy} onClick={() => void retry()}>
          <Icon name="refresh" /> Try again
        </Button>
        <OpenBeeperDesktop />
      </div>
    </div>
  );
}

function UpdateReady() {
  const updater = useApp((s) => s.updater);
  const run = useApp((s) => s.run);
  if (updater?.status !== 'ready') return null;
  return (
    <div className="banner banner-info" role="region" aria-label="Update">
      <span>Version {updater.version} of Beeper Account Manager is ready.</span>
      <Button variant="primary" onClick={() => void run('restart to update', (api) => api.restartToUpdate())}>
        Restart to update
      </Button>
    </div>
  );
}

function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            <Icon name="x" />
          </button>
        </div>
      ))}
    </div>
  );
}

function Main() {
  const connection = useApp((s) => s.connection);
  const auth = useApp((s) => s.auth);
  const accounts = useApp((s) => s.accounts);
  const route = useApp((s) => s.route);
  if (!connection || !auth) return null;
  const signedIn = auth.status === 'signed-in';
  const haveData = Boolean(accounts?.lastRefreshedAt);
  if (!(signedIn && haveData)) {
    if (connection.status === 'searching') return <Searching />;
    if (connection.status === 'not-running') return <NotRunning />;
    if (connection.appState === 'needs-login') return <DesktopNeedsLogin />;
    if (!signedIn) return <ConnectScreen />;
    return <Spinner label="Loading your accounts" large />;
  }
  if (route.to === 'add-account') return <AddAccountScreen />;
  if (route.to === 'session') return <SessionScreen sessionID={route.sessionID} />;
  if (route.to === 'reconnect-all') return <ReconnectAllScreen />;
  if (route.to === 'confirm-reconnect') return <ConfirmReconnectScreen bridgeID={route.bridgeID} loginID={route.loginID} accountID={route.accountID} />;
  return <AccountsScreen />;
}

export function App() {
  const ready = useApp((s) => s.ready);
  const hostConnected = useApp((s) => s.hostConnected);
  const connection = useApp((s) => s.connection);
  const auth = useApp((s) => s.auth);
  const route = useApp((s) => s.route);

  // Screen changes move focus to the new screen's title (sessions handle their own steps; the
  // accounts screen's details and rows handle theirs: opening or closing details is not a new screen).
  const screen = route.to;
  useEffect(() => {
    if (screen !== 'session') document.getElementById('screen-title')?.focus();
  }, [screen]);

  if (!ready) {
    return (
      <main className="splash">
        <Spinner label="Starting" large />
      </main>
    );
  }
  const lost = auth?.status === 'signed-in' && connection?.status !== 'running';
  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Header />
      {!hostConnected && (
        <div className="banner banner-bad" role="alert">
          Lost the connection to the app. Reconnecting…
        </div>
      )}
      {lost && <DesktopGone />}
      <StorageConsent />
      <UpdateReady />
      <main id="main" className="main" tabIndex={-1}>
        <Main />
      </main>
      <Notices />
    </div>
  );
}
