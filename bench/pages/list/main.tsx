/**
 * The bench's large-list page (figure 8): the app's own accounts screen and store, and a plain
 * React list of the same rows as the baseline. Each call returns the milliseconds React took to
 * render and commit, plus the layout that follows.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AccountsView } from '../../../preload/contract/views.ts';
import { AccountsScreen } from '../../../renderer/src/components/Accounts.tsx';
import { useApp } from '../../../renderer/src/store.ts';
import '../../../renderer/src/styles.css';

const root = createRoot(document.getElementById('root')!);

function timed(update: () => void): number {
  const t0 = performance.now();
  flushSync(update);
  void document.body.offsetHeight; // style and layout, as the frame would need them
  return performance.now() - t0;
}

function PlainList({ rows }: { rows: string[] }) {
  return (
    <ul>
      {rows.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}

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
    const rows = view.networks.flatMap((n) => n.logins.map((l) => `${n.displayName}: ${l.identity.name}`));
    return timed(() => root.render(<PlainList rows={rows} />));
  },
  clear(): number {
    return timed(() => root.render(null));
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
