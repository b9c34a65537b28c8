/**
 * The window: a gate in front (find Beeper Desktop, connect to it), then the account manager.
 * Losing Beeper Desktop after signing in does not hide the accounts: a banner says so while the
 * app looks for it again.
 */
import { useEffect, useRef, useState } from 'react';
import { AccountsScreen } from './components/Accounts.tsx';
import { Button, Icon, Spinner } from './components/ui.tsx';
import { asksStorageConsent, atTheGate, desktopGone, liveSessions, sessionLabel, updateReady, useApp } from './store.ts';
import { AddAccountScreen, ConfirmReconnectScreen, ConnectScreen, DesktopGone, DesktopNeedsLogin, NotRunning, ReconnectAllScreen, Searching, SessionScreen, SettingsDialog, StorageConsent, UpdateReady } from './screens.tsx';
import { useI18n } from './i18n.ts';

function Header() {
  const connection = useApp((s) => s.connection);
  const sessions = useApp((s) => s.sessions);
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const { t } = useI18n();
  // On the accounts screen its own list of logins in progress is the way back.
  const live = route.to === 'accounts' ? [] : liveSessions(sessions).filter((s) => !(route.to === 'session' && route.sessionID === s.id));
  const running = connection?.status === 'running';
  const [settingsOpen, setSettingsOpen] = useState(false);
  // In a narrow window the header's actions fold into a menu (the toggle shows only there: styles.css).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const choose = (act: () => void) => () => {
    setMenuOpen(false);
    act();
  };
  const closeMenu = (e: React.KeyboardEvent): void => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  return (
    <header className="topbar" onKeyDown={closeMenu}>
      <button type="button" className="brand" onClick={() => navigate({ to: 'accounts' })}>
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </button>
      <div className="topbar-end">
        <span className={`pill ${running ? 'pill-ok' : 'pill-bad'}`} title={connection?.baseURL ?? undefined}>
          <span className="badge-dot" aria-hidden="true" />
          <span className="pill-text">{running ? t('app.desktopVersion', { version: connection.desktopVersion ?? '' }) : t(connection?.status === 'searching' ? 'app.searching' : 'app.desktopNotFound')}</span>
        </span>
        <button type="button" ref={menuButton} className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="topbar-menu" onClick={() => setMenuOpen(!menuOpen)}>
          {t('app.menu')}
          {live.length > 0 && (
            <>
              <span className="badge-dot" aria-hidden="true" />
              <span className="visually-hidden">{t('app.loginInProgressHidden')}</span>
            </>
          )}
        </button>
        <div id="topbar-menu" className={`topbar-right ${menuOpen ? 'open' : ''}`}>
          {live.length > 0 && (
            <Button variant="secondary" className="in-progress" onClick={choose(() => navigate(live.length === 1 ? { to: 'session', sessionID: live[0]!.id } : { to: 'accounts' }))}>
              <span className="spinner spinner-small" aria-hidden="true" /> {live.length === 1 ? t('app.continueSession', { what: sessionLabel(live[0]!, t, 'lower') }) : t('app.loginsInProgress', { count: live.length })}
            </Button>
          )}
          <Button variant="ghost" onClick={choose(() => setSettingsOpen(true))}>
            {t('app.settings')}
          </Button>
        </div>
      </div>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}

function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  const { t } = useI18n();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="notice-close" aria-label={t('app.dismiss')} onClick={() => dismiss(n.id)}>
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
  const { t } = useI18n();
  if (!connection || !auth) return null;
  const signedIn = auth.status === 'signed-in';
  if (atTheGate(auth, accounts)) {
    if (connection.status === 'searching') return <Searching />;
    if (connection.status === 'not-running') return <NotRunning />;
    if (connection.appState === 'needs-login') return <DesktopNeedsLogin />;
    if (!signedIn) return <ConnectScreen />;
    return <Spinner label={t('app.loadingAccounts')} large />;
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
  const updater = useApp((s) => s.updater);
  const route = useApp((s) => s.route);
  const { t } = useI18n();

  // Screen changes move focus to the new screen's title (sessions handle their own steps; the
  // accounts screen's details and rows handle theirs: opening or closing details is not a new screen).
  const screen = route.to;
  // Drawn, logos included: main shows the window now (main/electron/main-window.ts), never before.
  useEffect(() => {
    if (!ready) return;
    const { api, firstScreenComplete } = useApp.getState();
    void firstScreenComplete.then(() => api?.windowReady().catch(() => undefined));
  }, [ready]);
  useEffect(() => {
    if (screen !== 'session') document.getElementById('screen-title')?.focus();
  }, [screen]);

  if (!ready) {
    return (
      <main className="splash">
        <Spinner label={t('app.starting')} large />
      </main>
    );
  }
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      {!hostConnected && (
        <div className="banner banner-bad" role="alert">
          {t('app.hostLost')}
        </div>
      )}
      {desktopGone(auth, connection) && <DesktopGone />}
      {asksStorageConsent(auth) && <StorageConsent />}
      {updateReady(updater) && <UpdateReady />}
      <main id="main" className="main" tabIndex={-1}>
        <Main />
      </main>
      <Notices />
    </div>
  );
}
