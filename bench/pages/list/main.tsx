/**
 * The bench's large-list page (figure 8): the app's own accounts screen and store, and as the
 * baseline the same rows' markup (sections, headings, each row's avatar, name, detail, status and
 * Reconnect) rendered by plain React: no store, no memo, no translator, with the app's stylesheet.
 * Each call returns the milliseconds React took to render and commit, plus the layout that follows.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AccountsView } from '../../../preload/contract/views.ts';
import { AccountsScreen } from '../../../renderer/src/components/Accounts.tsx';
import { initialsOf } from '../../../renderer/src/components/ui.tsx';
import { useApp } from '../../../renderer/src/store.ts';
import '../../../renderer/src/styles.css';

const root = createRoot(document.getElementById('root')!);

function timed(update: () => void): number {
  const t0 = performance.now();
  flushSync(update);
  void document.body.offsetHeight; // style and layout, as the frame would need them
  return performance.now() - t0;
}

/** The accounts screen's list as plain markup: what the app renders, minus the app. */
function PlainList({ view }: { view: AccountsView }) {
  return (
    <div className="accounts-list">
      {view.networks.map((n) => (
        <section key={n.bridgeID} className="network" aria-labelledby={`net-${n.bridgeID}`}>
          <h2 className="network-title" id={`net-${n.bridgeID}`}>
            <button type="button" className="section-toggle" aria-expanded="true">
              <span className="network-icon" aria-hidden="true" />
              {n.displayName}
              <span className="count">{n.logins.length}</span>
            </button>
          </h2>
          <ul className="logins">
            {n.logins.map((l) => (
              <li key={l.loginID} className={`login ${l.needsAttention ? 'login-attention' : ''}`}>
                <div className="login-main">
                  <button type="button" className="row-open">
                    <span className="avatar avatar-initials" style={{ width: 40, height: 40 }} aria-hidden="true">
                      {initialsOf(l.identity.name) || '?'}
                    </span>
                    <span className="grow">
                      <span className="login-name" dir="auto">
                        {l.identity.name}
                      </span>
                      {l.identity.detail && (
                        <span className="muted small" dir="auto">
                          {l.identity.detail}
                        </span>
                      )}
                      {l.statusText && <span className="small status-text">{l.statusText}</span>}
                    </span>
                  </button>
                  <span className={`badge badge-${l.needsAttention ? 'warn' : 'ok'}`}>
                    <span className="badge-dot" aria-hidden="true" />
                    {l.status}
                  </span>
                  {l.reconnect === 'needed' && (
                    <button type="button" className="btn btn-primary">
                      Reconnect
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Elements of each row (li.login), to check the baseline is the same markup. */
const rowElements = (): number => {
  const rows = document.querySelectorAll('li.login');
  let n = 0;
  for (const r of rows) n += r.querySelectorAll('*').length + 1;
  return rows.length ? n / rows.length : 0;
};

const bench = {
  renderApp(view: AccountsView): number {
    useApp.setState({ accounts: view });
    return timed(() => root.render(<AccountsScreen />));
  },
  /** One login changes status: main pushes a whole new view (IPC copies it), the store takes it. */
  changeOne(index: number, status: AccountsView['networks'][number]['logins'][number]['status']): number {
    const view = structuredClone(useApp.getState().accounts!);
    const login = view.networks.flatMap((n) => n.logins)[index]!;
    login.status = status;
    login.needsAttention = status === 'needs_login';
    return timed(() => useApp.getState().receiveAccounts(view));
  },
  renderPlain(view: AccountsView): number {
    return timed(() => root.render(<PlainList view={view} />));
  },
  /** The mean number of elements a row has, as now rendered. */
  rowElements,
  clear(): number {
    return timed(() => root.render(null));
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
