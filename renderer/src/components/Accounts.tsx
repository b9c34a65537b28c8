/** The account list: what needs attention first, then every network with its logins and accounts. */
import { memo, useState } from 'react';
import { providerLabel } from '../../../preload/contract/providers.ts';
import type { AttentionItem, LoginView, NetworkView, RemoveScope, SessionView } from '../../../preload/contract/views.ts';
import { liveSessions, sessionLabel, useApp, useNeedsDesktop } from '../store.ts';
import { Avatar, Button, Dialog, Icon, StatusBadge, timeAgo, useTick } from './ui.tsx';
import { NetworkIcon } from './NetworkIcon.tsx';
import { useReconnect, useSessionActions } from './reconnect.ts';

const SCOPE_TEXT: Record<RemoveScope, { title: string; detail: string }> = {
  'current-device': {
    title: 'Remove from this device',
    detail: 'Beeper on this computer stops using this account. It stays signed in on your phone and on other devices.',
  },
  'all-devices': {
    title: 'Log out everywhere',
    detail: 'Signs this account out of Beeper on all your devices.',
  },
};

function RemoveDialog({ network, login, onClose }: { network: NetworkView; login: LoginView; onClose: () => void }) {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const [scope, setScope] = useState<RemoveScope>(login.removeScopes[0]!);
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    const r = await run('remove the account', (api) => api.removeLogin({ bridgeID: login.bridgeID, loginID: login.loginID, scope }));
    setBusy(false);
    if (r) {
      notify('success', `${login.identity.name} was removed from ${network.displayName}.`);
      onClose();
    }
  };
  const accounts = login.accounts.length;
  return (
    <Dialog
      title={`Remove ${login.identity.name}?`}
      open
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {SCOPE_TEXT[scope].title}
          </Button>
        </>
      }
    >
      <p>
        {network.displayName} · {login.identity.detail ?? login.identity.name}
        {accounts > 1 ? ` · ${accounts} accounts` : ''}
      </p>
      <fieldset className="choices">
        <legend>How?</legend>
        {login.removeScopes.map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            <span>
              <strong>{SCOPE_TEXT[s].title}</strong>
              <span className="muted">{SCOPE_TEXT[s].detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">
        {accounts > 1 ? `All ${accounts} accounts of this login are removed, with their chats in Beeper.` : 'Its chats disappear from Beeper.'} You can connect it again later.
      </p>
    </Dialog>
  );
}

function Attention({ items }: { items: AttentionItem[] }) {
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  if (items.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="attention-title">
      <h2 id="attention-title" className="section-title">
        <Icon name="alert" /> {items.length === 1 ? '1 account needs attention' : `${items.length} accounts need attention`}
      </h2>
      <ul className="attention-list">
        {items.map((a) => (
          <li key={`${a.bridgeID}/${a.loginID ?? a.accountID}`} className="attention-item">
            <Avatar identity={a.identity} size={32} />
            <div className="grow">
              <div>
                <strong>{a.identity.name}</strong> <span className="muted">on {a.bridgeName}</span>
              </div>
              <div className="small">{a.message}</div>
            </div>
            <Button variant="primary" {...needsDesktop} onClick={() => void reconnect(a.bridgeID, a.loginID, a.accountID)} aria-label={`Reconnect ${a.identity.name} on ${a.bridgeName}: ${a.message}`}>
              Reconnect
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}


type Removing = { network: NetworkView; login: LoginView };

/** One row per login; memo: with keepUnchanged in the store, only the rows that changed render. */
const LoginRow = memo(function LoginRow({ network, login, onRemove }: { network: NetworkView; login: LoginView; onRemove: (r: Removing) => void }) {
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  const who = `${login.identity.name} on ${network.displayName}`;
  const canReconnect = network.canReconnect;
  return (
    <li className={`login ${login.needsAttention ? 'login-attention' : ''}`}>
      <div className="login-main">
        <Avatar identity={login.identity} />
        <div className="grow">
          <div className="login-name">{login.identity.name}</div>
          {login.identity.detail && <div className="muted small">{login.identity.detail}</div>}
          {login.statusText && <div className="small status-text">{login.statusText}</div>}
        </div>
        <StatusBadge status={login.status} />
        <div className="row-actions">
          {canReconnect && (
            <Button variant={login.needsAttention ? 'primary' : 'ghost'} {...needsDesktop} onClick={() => void reconnect(login.bridgeID, login.loginID, null)} aria-label={`Reconnect ${who}`}>
              Reconnect
            </Button>
          )}
          {login.removeScopes.length > 0 && (
            <Button variant="ghost" {...needsDesktop} onClick={() => onRemove({ network, login })} aria-label={`Remove ${who}`}>
              Remove
            </Button>
          )}
        </div>
      </div>
      {login.listsAccounts && (
        <ul className="sub-accounts" aria-label={`Accounts of ${login.identity.name}`}>
          {login.accounts.map((a) => (
            <li key={a.accountID}>
              <span>{a.network}</span> <StatusBadge status={a.status} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});

const NetworkSection = memo(function NetworkSection({ network: n, onRemove }: { network: NetworkView; onRemove: (r: Removing) => void }) {
  return (
    <section className="network" aria-labelledby={`net-${n.bridgeID}`}>
      <h2 id={`net-${n.bridgeID}`} className="network-title">
        <NetworkIcon type={n.type} name={n.displayName} />
        {n.displayName}
        {providerLabel(n.provider) && <span className="muted small"> · {providerLabel(n.provider)}</span>}
      </h2>
      <ul className="logins">
        {n.logins.map((l) => (
          <LoginRow key={l.loginID} network={n} login={l} onRemove={onRemove} />
        ))}
        {n.otherAccounts.map((a) => (
          <li key={a.accountID} className="login">
            <div className="login-main">
              <Avatar identity={a.identity} />
              <div className="grow">
                <div className="login-name">{a.identity.name}</div>
                {a.identity.detail && <div className="muted small">{a.identity.detail}</div>}
              </div>
              <StatusBadge status={a.status} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
});

/**
 * Logins started and not finished (the user left their screen, or the window reloaded): a way back
 * to each, or to stop it. One that ended on its own (Beeper Desktop restarted, the code ran out)
 * stays here saying so, with Start again, until it is closed.
 */
function InProgress() {
  const sessions = useApp((s) => s.sessions);
  const shown = [...liveSessions(sessions), ...Object.values(sessions).filter((s) => s.phase === 'failed')];
  if (shown.length === 0) return null;
  return (
    <section className="in-progress-list" aria-labelledby="in-progress-title">
      <h2 id="in-progress-title">Logins in progress</h2>
      <ul className="logins">
        {shown.map((s) => (
          <InProgressRow key={s.id} session={s} />
        ))}
      </ul>
    </section>
  );
}

function InProgressRow({ session: s }: { session: SessionView }) {
  const navigate = useApp((st) => st.navigate);
  const { dismissThen, startAgain } = useSessionActions(s);
  const what = sessionLabel(s, 'lower');
  const failed = s.phase === 'failed';
  return (
    <li className="login">
      <div className="login-main">
        <div className="grow">
          <div>{sessionLabel(s)}</div>
          {failed && <div className="small status-text">Ended: {s.error?.message ?? 'the login did not complete.'}</div>}
        </div>
        <div className="row-actions">
          {failed ? (
            <Button variant="primary" onClick={() => void startAgain()} aria-label={`Start ${what} again`}>
              Start again
            </Button>
          ) : (
            <Button variant="primary" onClick={() => navigate({ to: 'session', sessionID: s.id })} aria-label={`Continue ${what}`}>
              Continue
            </Button>
          )}
          <Button variant="ghost" onClick={() => void dismissThen(() => undefined)} aria-label={`${failed ? 'Close' : 'Cancel'} ${what}`}>
            {failed ? 'Close' : 'Cancel'}
          </Button>
        </div>
      </div>
    </li>
  );
}

export function AccountsScreen() {
  const needsDesktop = useNeedsDesktop();
  const accounts = useApp((s) => s.accounts);
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const now = useTick();
  if (!accounts) return null;

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 tabIndex={-1} id="screen-title">
          Accounts
        </h1>
        <div className="screen-tools">
          <span className="muted small">
            {accounts.refreshing ? 'Refreshing…' : accounts.lastRefreshedAt ? `Updated ${timeAgo(accounts.lastRefreshedAt, now)}` : ''}
          </span>
          <Button variant="ghost" busy={accounts.refreshing} {...needsDesktop} onClick={() => void run('refresh', (api) => api.refreshAccounts())}>
            <Icon name="refresh" /> Refresh
          </Button>
          <Button variant="primary" {...needsDesktop} onClick={() => navigate({ to: 'add-account' })}>
            <Icon name="plus" /> Add account
          </Button>
        </div>
      </div>

      {accounts.error && !needsDesktop.disabled && (
        <p className="callout callout-warn" role="status">
          Could not refresh: {accounts.error.message}
          {accounts.lastRefreshedAt ? ` Showing what was there ${timeAgo(accounts.lastRefreshedAt, now)}.` : ''}
        </p>
      )}

      <InProgress />

      <Attention items={accounts.needsAttention} />

      {!accounts.hasChatAccounts && accounts.lastRefreshedAt && (
        <div className="empty">
          <h2>No chat accounts yet</h2>
          <p className="muted">Connect WhatsApp, Telegram, Signal and your other networks to bring their chats into Beeper.</p>
          <Button variant="primary" {...needsDesktop} onClick={() => navigate({ to: 'add-account' })}>
            <Icon name="plus" /> Add your first account
          </Button>
        </div>
      )}

      {accounts.networks.map((n) => n.listed && (
        <NetworkSection key={n.bridgeID} network={n} onRemove={setRemoving} />
      ))}

      {removing && <RemoveDialog network={removing.network} login={removing.login} onClose={() => setRemoving(null)} />}
    </div>
  );
}
