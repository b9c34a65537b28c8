/**
 * The account list beside the details of the account selected: what needs attention first, then
 * every network with its logins and accounts; a search, a "Needs attention" filter and folding
 * sections once the list is long. A row offers Reconnect only when its account needs it; the rest is
 * in its details.
 */
import { memo, type KeyboardEvent } from 'react';
import { providerLabel } from '../../../preload/contract/providers.ts';
import { reconnectAllRoute } from '../../../preload/contract/routes.ts';
import type { AccountTarget, AccountView, AttentionItem, LoginView, NetworkView } from '../../../preload/contract/views.ts';
import { filterNetworks, FIND_FROM, isFiltering, rowCount, type ShownNetwork } from '../account-filter.ts';
import { accountTarget, loginTarget, rowKey, sameRow } from '../selection.ts';
import { noChatAccountsYet, sessionsInList, useApp, useNeedsDesktop } from '../store.ts';
import { AccountDetails, EmptyList, InProgress, NoMatch } from '../screens.tsx';
import { NetworkIcon } from './NetworkIcon.tsx';
import { SearchField } from './SearchField.tsx';
import { useReconnect } from './reconnect.ts';
import { Avatar, Button, Icon, PersonOnNetwork, StatusBadge, useTick } from './ui.tsx';
import { useI18n } from '../i18n.ts';

function Attention({ items }: { items: AttentionItem[] }) {
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="attention-title">
      <div className="attention-head">
        <h2 id="attention-title" className="section-title">
          <Icon name="alert" /> {t('accounts.needAttention', { count: items.length })}
        </h2>
        {items.length > 1 && <ReconnectAllButton count={items.length} />}
      </div>
      <ul className="attention-list">
        {items.map((a) => (
          <li key={`${a.bridgeID}/${a.loginID ?? a.accountID}`} className="attention-item">
            <PersonOnNetwork identity={a.identity} network={a.bridgeName} line={a.message} />
            <Button variant="primary" {...needsDesktop} onClick={() => void reconnect(a.bridgeID, a.loginID, a.accountID)} aria-label={t('accounts.reconnectWhoWhy', { name: a.identity.name, network: a.bridgeName, why: a.message })}>
              {t('accounts.reconnect')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A row's own part: who it is, opening its details; its status; Reconnect only when it is needed.
 * It subscribes to nothing itself (500 rows, 500 subscriptions less): the Reconnect button does.
 */
function Row({ network, target, who, selected, tabbable }: { network: NetworkView; target: AccountTarget; who: LoginView | AccountView; selected: boolean; tabbable: boolean }) {
  return (
    <div className="login-main">
      <button type="button" className="row-open" data-row={rowKey(target)} tabIndex={tabbable ? 0 : -1} aria-current={selected || undefined} onClick={() => useApp.getState().navigate({ to: 'accounts', selected: target })}>
        <Avatar identity={who.identity} />
        <span className="grow">
          <span className="login-name" dir="auto">
            {who.identity.name}
          </span>
          {who.identity.detail && (
            <span className="muted small" dir="auto">
              {who.identity.detail}
            </span>
          )}
          {who.statusText && <span className="small status-text">{who.statusText}</span>}
        </span>
      </button>
      <StatusBadge status={who.status} />
      {who.reconnect === 'needed' && <RowReconnect network={network} target={target} name={who.identity.name} />}
    </div>
  );
}

function RowReconnect({ network, target, name }: { network: NetworkView; target: AccountTarget; name: string }) {
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  const { t } = useI18n();
  return (
    <Button variant="primary" {...needsDesktop} onClick={() => void reconnect(target.bridgeID, target.loginID, target.accountID)} aria-label={t('accounts.reconnectWho', { name, network: network.displayName })}>
      {t('accounts.reconnect')}
    </Button>
  );
}

/** One row per login; memo: with keepUnchanged in the store, only the rows that changed render. */
const LoginRow = memo(function LoginRow({ network, login, selected, tabbable }: { network: NetworkView; login: LoginView; selected: boolean; tabbable: boolean }) {
  return (
    <li className={`login ${login.needsAttention ? 'login-attention' : ''} ${selected ? 'login-selected' : ''}`}>
      <Row network={network} target={loginTarget(login)} who={login} selected={selected} tabbable={tabbable} />
      {login.listsAccounts && <SubAccounts login={login} />}
    </li>
  );
});

function SubAccounts({ login }: { login: LoginView }) {
  const { t } = useI18n();
  return (
    <ul className="sub-accounts" aria-label={t('accounts.accountsOf', { name: login.identity.name })}>
      {login.accounts.map((a) => (
        <li key={a.accountID}>
          <span>{a.label}</span> <StatusBadge status={a.status} />
        </li>
      ))}
    </ul>
  );
}

const OtherAccountRow = memo(function OtherAccountRow({ network, account, selected, tabbable }: { network: NetworkView; account: AccountView; selected: boolean; tabbable: boolean }) {
  return (
    <li className={`login ${account.needsAttention ? 'login-attention' : ''} ${selected ? 'login-selected' : ''}`}>
      <Row network={network} target={accountTarget(network.bridgeID, account)} who={account} selected={selected} tabbable={tabbable} />
    </li>
  );
});

/** A network's heading: folds its section, and says how many accounts it has (or how many match). */
function SectionHeading({ shown, filtering }: { shown: ShownNetwork; filtering: boolean }) {
  const collapsed = useApp((s) => Boolean(s.collapsed[shown.network.bridgeID]));
  const toggleSection = useApp((s) => s.toggleCollapsed);
  const { t } = useI18n();
  const n = shown.network;
  const provider = providerLabel(n.provider, t);
  const matching = shown.logins.length + shown.otherAccounts.length;
  const name = (
    <span id={`net-${n.bridgeID}`} className="network-name">
      <NetworkIcon type={n.type} name={n.displayName} />
      {n.displayName}
      {provider && <span className="muted small"> · {provider}</span>}
    </span>
  );
  if (filtering) {
    return (
      <h2 className="network-title">
        {name}
        <span className="count">{t('accounts.matching', { matching, total: shown.total })}</span>
      </h2>
    );
  }
  return (
    <h2 className="network-title">
      <button type="button" className="section-toggle" aria-expanded={!collapsed} aria-controls={`net-list-${n.bridgeID}`} onClick={() => toggleSection(n.bridgeID)}>
        <span className={`chevron ${collapsed ? '' : 'chevron-open'}`}>
          <Icon name="chevron" />
        </span>
        {name}
        <span className="count" aria-label={t('accounts.count', { count: shown.total })}>
          {shown.total}
        </span>
      </button>
    </h2>
  );
}

/** `tabRow`: the one row Tab stops at (the list is one stop; arrows move within it). */
const NetworkSection = memo(function NetworkSection({ shown, filtering, selected, tabRow }: { shown: ShownNetwork; filtering: boolean; selected: AccountTarget | undefined; tabRow: string | null }) {
  const collapsed = useApp((s) => Boolean(s.collapsed[shown.network.bridgeID])) && !filtering;
  const n = shown.network;
  return (
    <section className="network" aria-labelledby={`net-${n.bridgeID}`}>
      <SectionHeading shown={shown} filtering={filtering} />
      {!collapsed && (
        <ul className="logins" id={`net-list-${n.bridgeID}`}>
          {shown.logins.map((l) => (
            <LoginRow key={l.loginID} network={n} login={l} selected={sameRow(selected, loginTarget(l))} tabbable={tabRow === rowKey(loginTarget(l))} />
          ))}
          {shown.otherAccounts.map((a) => (
            <OtherAccountRow key={a.accountID} network={n} account={a} selected={sameRow(selected, accountTarget(n.bridgeID, a))} tabbable={tabRow === rowKey(accountTarget(n.bridgeID, a))} />
          ))}
        </ul>
      )}
    </section>
  );
});

function FindBar({ attention }: { attention: number }) {
  const filter = useApp((s) => s.listFilter);
  const setFilter = useApp((s) => s.setListFilter);
  const { t } = useI18n();
  return (
    <div className="find-bar" role="search">
      <SearchField label={t('accounts.search')} placeholder={t('accounts.searchPlaceholder')} value={filter.query} onChange={(query) => setFilter({ query })} />
      <Button variant={filter.attentionOnly ? 'primary' : 'secondary'} aria-pressed={filter.attentionOnly} onClick={() => setFilter({ attentionOnly: !filter.attentionOnly })}>
        {t('accounts.attentionFilter', { count: attention })}
      </Button>
    </div>
  );
}

/** Up and down move through the rows (from the search field too), Home and End to the ends; Enter opens a row's details. */
function moveThroughRows(e: KeyboardEvent<HTMLElement>): void {
  const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('.row-open')];
  const at = rows.indexOf(e.target as HTMLElement);
  const fromSearch = at < 0 && e.target instanceof HTMLInputElement && e.target.type === 'search';
  if (rows.length === 0 || (at < 0 && !(fromSearch && e.key === 'ArrowDown'))) return;
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[e.key as 'ArrowDown'];
  if (next === undefined) return;
  e.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, next))]!.focus();
}

function Toolbar({ findable, attention }: { findable: boolean; attention: number }) {
  const needsDesktop = useNeedsDesktop();
  const accounts = useApp((s) => s.accounts)!;
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const now = useTick();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="list-toolbar">
      <div className="screen-head">
        <h1 tabIndex={-1} id="screen-title">
          {t('accounts.title')}
        </h1>
        <div className="screen-tools">
          <span className="muted small">{accounts.refreshing ? t('accounts.refreshing') : accounts.lastRefreshedAt ? t('accounts.updated', { ago: i18n.ago(accounts.lastRefreshedAt, now) }) : ''}</span>
          <Button variant="ghost" busy={accounts.refreshing} {...needsDesktop} onClick={() => void run((api) => api.refreshAccounts())}>
            <Icon name="refresh" /> {t('accounts.refresh')}
          </Button>
          <Button variant="primary" {...needsDesktop} onClick={() => navigate({ to: 'add-account' })}>
            <Icon name="plus" /> {t('accounts.add')}
          </Button>
        </div>
      </div>
      {findable && <FindBar attention={attention} />}
    </div>
  );
}

/** The row Tab stops at: the selected one when it is shown, else the first one shown. */
function tabStop(shown: readonly ShownNetwork[], collapsed: Readonly<Record<string, true>>, selected: AccountTarget | undefined): string | null {
  const keys = shown
    .filter((s) => !collapsed[s.network.bridgeID])
    .flatMap((s) => [...s.logins.map((l) => rowKey(loginTarget(l))), ...s.otherAccounts.map((a) => rowKey(accountTarget(s.network.bridgeID, a)))]);
  const wanted = selected ? rowKey(selected) : null;
  return wanted !== null && keys.includes(wanted) ? wanted : (keys[0] ?? null);
}

function NetworkList({ selected }: { selected: AccountTarget | undefined }) {
  const accounts = useApp((s) => s.accounts)!;
  const filter = useApp((s) => s.listFilter);
  const filtering = isFiltering(filter);
  const collapsed = useApp((s) => s.collapsed);
  const shown = filterNetworks(accounts.networks, filter);
  if (filtering && shown.length === 0) return <NoMatch />;
  const tabRow = tabStop(shown, filtering ? {} : collapsed, selected);
  return shown.map((s) => <NetworkSection key={s.network.bridgeID} shown={s} filtering={filtering} selected={selected} tabRow={tabRow} />);
}

export function AccountsScreen() {
  const needsDesktop = useNeedsDesktop();
  const accounts = useApp((s) => s.accounts);
  const selected = useApp((s) => (s.route.to === 'accounts' ? s.route.selected : undefined));
  const inProgress = useApp((s) => sessionsInList(s.sessions).length > 0);
  const filtering = useApp((s) => isFiltering(s.listFilter));
  const now = useTick();
  const i18n = useI18n();
  if (!accounts) return null;
  const findable = rowCount(accounts.networks) >= FIND_FROM;
  return (
    <div className={`accounts-layout ${selected ? 'has-selection' : ''}`}>
      <div className="accounts-list screen" onKeyDown={moveThroughRows}>
        <Toolbar findable={findable} attention={accounts.needsAttention.length} />
        {accounts.error && !needsDesktop.disabled && (
          <p className="callout callout-warn" role="status">
            {i18n.t('accounts.refreshFailed', { reason: accounts.error.message })}
            {accounts.lastRefreshedAt ? ` ${i18n.t('accounts.showingFrom', { ago: i18n.ago(accounts.lastRefreshedAt, now) })}` : ''}
          </p>
        )}
        {inProgress && <InProgress />}
        {!filtering && <Attention items={accounts.needsAttention} />}
        {noChatAccountsYet(accounts) && <EmptyList />}
        <NetworkList selected={selected} />
      </div>
      {selected && <AccountDetails key={rowKey(selected)} target={selected} />}
    </div>
  );
}

/** Starts "Reconnect all" (its screen and bar: ReconnectAll.tsx). */
function ReconnectAllButton({ count }: { count: number }) {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const needsDesktop = useNeedsDesktop();
  const { t } = useI18n();
  const start = async (): Promise<void> => {
    const view = await run((api) => api.startReconnectAll());
    if (view) navigate(reconnectAllRoute(view));
  };
  return (
    <Button variant="primary" {...needsDesktop} onClick={() => void start()}>
      {t('accounts.reconnectAll', { count })}
    </Button>
  );
}
