/**
 * One account's details: who it is, its status with the network's words and since when, the login
 * it belongs to with that login's other accounts, what can be done to it, and its history.
 */
import { useEffect, useRef, useState } from 'react';
import { providerLabel } from '../../../preload/contract/providers.ts';
import type { AccountTarget, AccountView, IdentityView, LoginView, NetworkView } from '../../../preload/contract/views.ts';
import { findTarget, type FoundTarget } from '../../../preload/contract/targets.ts';
import { focusRow } from '../selection.ts';
import { useApp, useNeedsDesktop } from '../store.ts';
import { Timeline, Unstable, useAccountHistory } from './AccountHistory.tsx';
import { NetworkIcon } from './NetworkIcon.tsx';
import { useReconnect } from './reconnect.ts';
import { RemoveDialog } from './RemoveDialog.tsx';
import { Avatar, Button, Icon, StatusBadge, useTick } from './ui.tsx';
import { Dialog } from './controls.tsx';
import { nameWithDetail } from '../../../preload/contract/identity.ts';
import { useI18n } from '../i18n.ts';

/** "Log in again…" on an account that works: says what it will do, and starts nothing until asked. */
function LogInAgainDialog({ network, identity, onConfirm, onClose }: { network: NetworkView; identity: IdentityView; onConfirm: () => Promise<void>; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const needsDesktop = useNeedsDesktop();
  const { t } = useI18n();
  const go = async (): Promise<void> => {
    setBusy(true);
    await onConfirm();
    setBusy(false);
  };
  return (
    <Dialog
      title={t('details.againTitle', { network: network.displayName })}
      open
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('details.againKeep')}
          </Button>
          <Button variant="primary" busy={busy} {...needsDesktop} onClick={() => void go()}>
            {t('details.againConfirm')}
          </Button>
        </>
      }
    >
      <p>{t('details.againBody', { who: nameWithDetail(identity, t), network: network.displayName })}</p>
      <p className="muted small">{t('details.againHint')}</p>
    </Dialog>
  );
}

/** A login's accounts, by what tells them apart (Slack workspaces). */
function LoginAccounts({ accounts }: { accounts: AccountView[] }) {
  const { t } = useI18n();
  if (accounts.length < 2) return null;
  return (
    <section aria-labelledby="details-accounts" className="details-section">
      <h3 id="details-accounts">{t('details.loginAccounts')}</h3>
      <ul className="sub-accounts details-accounts">
        {accounts.map((a) => (
          <li key={a.accountID}>
            <span>{a.label}</span> <StatusBadge status={a.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Reconnect where it is needed, "Log in again…" where it works, Remove where the login allows it. */
function DetailsActions({ target, selected, onRemoved }: { target: AccountTarget; selected: FoundTarget; onRemoved: () => void }) {
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  const [asking, setAsking] = useState<'again' | 'remove' | null>(null);
  const { t } = useI18n();
  const { network, login, account } = selected;
  const offer = login?.reconnect ?? account?.reconnect ?? 'none';
  const identity = (login ?? account).identity;
  const start = (): Promise<void> => reconnect(target.bridgeID, login?.loginID ?? null, login ? null : (account?.accountID ?? null));
  return (
    <div className="actions details-actions">
      {offer === 'needed' && (
        <Button variant="primary" {...needsDesktop} onClick={() => void start()}>
          {t('accounts.reconnect')}
        </Button>
      )}
      {offer === 'offered' && (
        <Button {...needsDesktop} onClick={() => setAsking('again')}>
          {t('details.logInAgain')}
        </Button>
      )}
      {login && login.removeScopes.length > 0 && (
        <Button variant="ghost" {...needsDesktop} onClick={() => setAsking('remove')}>
          {t('details.remove')}
        </Button>
      )}
      {asking === 'again' && <LogInAgainDialog network={network} identity={identity} onConfirm={start} onClose={() => setAsking(null)} />}
      {asking === 'remove' && login && <RemoveDialog network={network} login={login} onClose={() => setAsking(null)} onRemoved={onRemoved} />}
    </div>
  );
}

function Gone() {
  const { t } = useI18n();
  return (
    <div className="details-gone">
      <h2 tabIndex={-1} id="details-title">
        {t('details.notFound')}
      </h2>
      <p className="muted">{t('details.notFoundHint')}</p>
    </div>
  );
}

function Summary({ network, who, status, statusText, since, now }: { network: NetworkView; who: LoginView | AccountView; status: string | null; statusText: string | null; since: string | null; now: number }) {
  const i18n = useI18n();
  const provider = providerLabel(network.provider, i18n.t);
  return (
    <>
      <p className="details-network">
        <NetworkIcon type={network.type} name={network.displayName} />
        {network.displayName}
        {provider && <span className="muted small"> · {provider}</span>}
      </p>
      <div className="details-who">
        <Avatar identity={who.identity} size={56} />
        <div className="grow">
          <h2 tabIndex={-1} id="details-title" dir="auto">
            {who.identity.name}
          </h2>
          {who.identity.detail && (
            <p className="muted" dir="auto">
              {who.identity.detail}
            </p>
          )}
        </div>
      </div>
      <p className="details-status">
        <StatusBadge status={status} />
        {since && <span className="muted small"> {i18n.t('details.since', { when: i18n.when(since, now) })}</span>}
      </p>
      {statusText && <p className="small status-text">{statusText}</p>}
    </>
  );
}

export function AccountDetails({ target }: { target: AccountTarget }) {
  const accounts = useApp((s) => s.accounts);
  const navigate = useApp((s) => s.navigate);
  const selected = findTarget(accounts, target);
  const history = useAccountHistory(target);
  const now = useTick();
  const opened = useRef(false);
  const { t } = useI18n();
  const close = (): void => {
    navigate({ to: 'accounts' });
    // After the list is back in view (a narrow window hides it while details are open).
    requestAnimationFrame(() => focusRow(target));
  };
  // Opening moves focus to the details, so they are read out; a background refresh does not.
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    document.getElementById('details-title')?.focus();
  });
  const who = selected?.login ?? selected?.account;
  return (
    <aside className="account-details" aria-labelledby="details-title" onKeyDown={(e) => e.key === 'Escape' && !(e.target as Element).closest('dialog') && close()}>
      <Button variant="ghost" className="details-back" onClick={close} aria-label={t('details.back')}>
        <Icon name="back" /> {t('details.backShort')}
      </Button>
      {!selected || !who ? (
        <Gone />
      ) : (
        <>
          <Summary network={selected.network} who={who} status={who.status} statusText={who.statusText} since={history.state === 'ready' ? history.view.since : null} now={now} />
          {history.state === 'ready' && <Unstable dates={history.view.unstable} now={now} />}
          <DetailsActions target={target} selected={selected} onRemoved={() => navigate({ to: 'accounts' })} />
          {selected.login && <LoginAccounts accounts={selected.login.accounts} />}
          <section aria-labelledby="details-history" className="details-section">
            <h3 id="details-history">{t('details.history')}</h3>
            <Timeline loaded={history} now={now} />
          </section>
        </>
      )}
    </aside>
  );
}
