/** Choosing a network, then a way to log in, then the login steps. */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { PROVIDERS, providerLabel } from '../../../preload/contract/providers.ts';
import type { Translate } from '../../../preload/contract/i18n/translator.ts';
import type { LoginFlowView, NetworkView } from '../../../preload/contract/views.ts';
import { FIND_FROM, pickerMatches } from '../account-filter.ts';
import { liveSessions, useApp, useNeedsDesktop } from '../store.ts';
import { NetworkIcon } from './NetworkIcon.tsx';
import { SearchField } from './SearchField.tsx';
import { Button, Icon, Spinner } from './ui.tsx';
import { useI18n } from '../i18n.ts';

/** Networks by provider; providers newer than this app under "Other networks": still offered, never hidden. */
const GROUPS: readonly string[] = [...PROVIDERS, 'other'];
const groupTitle = (provider: string, t: Translate): string => providerLabel(provider, t) ?? t('provider.other');

function FlowPicker({ network, flows, onBack }: { network: NetworkView; flows: LoginFlowView[]; onBack: () => void }) {
  const [choice, setChoice] = useState(flows[0]!.id);
  const [busy, setBusy] = useState(false);
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const inProgress = useApp((s) => liveSessions(s.sessions).find((x) => x.bridgeID === network.bridgeID));
  const { t } = useI18n();
  // A new question on the same route: focus goes to it, so it is read out.
  useEffect(() => document.getElementById('screen-title')?.focus(), []);
  const start = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const s = await run((api) => api.startSession({ bridgeID: network.bridgeID, flowID: choice }));
    setBusy(false);
    if (s) navigate({ to: 'session', sessionID: s.id });
  };
  return (
    <form className="screen" onSubmit={(e) => void start(e)}>
      <div className="screen-head">
        <h1 tabIndex={-1} id="screen-title">
          {t('add.howConnect', { network: network.displayName })}
        </h1>
      </div>
      <fieldset className="choices choices-large">
        <legend className="visually-hidden">{t('add.method')}</legend>
        {flows.map((f) => (
          <label key={f.id} className="choice">
            <input type="radio" name="flow" value={f.id} checked={choice === f.id} onChange={() => setChoice(f.id)} />
            <span>
              <strong>{f.name}</strong>
              {f.description && <span className="muted">{f.description}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {inProgress && (
        <div className="step-notice">
          <Icon name="alert" />
          <p>
            {t('add.alreadyInProgress', { network: network.displayName })}{' '}
            <button type="button" className="link-button" onClick={() => navigate({ to: 'session', sessionID: inProgress.id })}>
              {t('add.showInProgress')}
            </button>
          </p>
        </div>
      )}
      <div className="actions">
        <Button variant="ghost" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button variant="primary" type="submit" busy={busy}>
          {t('common.continue')}
        </Button>
      </div>
    </form>
  );
}

/** One card per network: what adding there means now (connect, add another, or why not and what to do). */
function NetworkCard({ network: n, loading, onChoose }: { network: NetworkView; loading: string | null; onChoose: (n: NetworkView) => void }) {
  const needsDesktop = useNeedsDesktop();
  const unavailable = n.unavailableReason !== null;
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={`network-card ${unavailable ? 'network-card-unavailable' : ''}`}
      disabled={!n.canAddAccount || loading !== null || needsDesktop.disabled}
      onClick={() => onChoose(n)}
      aria-describedby={unavailable ? `why-${n.bridgeID}` : needsDesktop['aria-describedby']}
    >
      <span className="network-card-name">
        <NetworkIcon type={n.type} name={n.displayName} />
        {n.displayName}
        {unavailable && <span className="tag">{t('add.unavailable')}</span>}
      </span>
      {loading === n.bridgeID ? (
        <Spinner label={t('add.opening', { network: n.displayName })} />
      ) : unavailable ? (
        <span id={`why-${n.bridgeID}`} className="small">
          {n.unavailableReason}
          {n.unavailableFix && <span className="muted"> {n.unavailableFix}</span>}
        </span>
      ) : (
        <span className="small muted">{n.logins.length > 0 ? t('add.addAnother', { count: n.logins.length }) : t('add.connect')}</span>
      )}
    </button>
  );
}

function NetworkGroup({ group, networks, loading, onChoose }: { group: string; networks: NetworkView[]; loading: string | null; onChoose: (n: NetworkView) => void }) {
  const { t } = useI18n();
  if (networks.length === 0) return null;
  return (
    <section aria-labelledby={`group-${group}`}>
      <h2 id={`group-${group}`} className="section-title">
        {groupTitle(group, t)}
      </h2>
      <ul className="network-grid">
        {networks.map((n) => (
          <li key={n.bridgeID}>
            <NetworkCard network={n} loading={loading} onChoose={onChoose} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AddAccountScreen() {
  const accounts = useApp((s) => s.accounts);
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const [picked, setPicked] = useState<{ network: NetworkView; flows: LoginFlowView[] } | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  // A link or the command line may name the network (`beeper-account-manager://add/<bridge>`).
  const wanted = useApp((s) => (s.route.to === 'add-account' ? (s.route.bridgeID ?? null) : null));
  const opened = useRef<string | null>(null);
  const { t } = useI18n();

  /** `fromLink`: a link only ever opens a screen; nothing starts until the user acts here. */
  const choose = async (network: NetworkView, fromLink = false): Promise<void> => {
    setLoading(network.bridgeID);
    const flows = await run((api) => api.getLoginFlows({ bridgeID: network.bridgeID }));
    if (flows && flows.length === 1 && !fromLink) {
      const s = await run((api) => api.startSession({ bridgeID: network.bridgeID, flowID: flows[0]!.id }));
      if (s) navigate({ to: 'session', sessionID: s.id });
    } else if (flows && flows.length > 0) {
      setPicked({ network, flows });
    } else if (flows) {
      useApp.getState().notify('error', t('add.noFlows', { network: network.displayName }));
    }
    setLoading(null);
  };

  useEffect(() => {
    const network = wanted ? accounts?.networks.find((n) => n.bridgeID === wanted) : undefined;
    if (!network || opened.current === wanted) return;
    opened.current = wanted;
    if (network.unavailableReason) useApp.getState().notify('error', t('add.unavailableNotice', { network: network.displayName, reason: network.unavailableReason }));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- an action the link asked for, once per link, not derived state
    else void choose(network, true);
  });

  if (!accounts) return null;
  if (picked) return <FlowPicker network={picked.network} flows={picked.flows} onBack={() => setPicked(null)} />;
  const all = accounts.networks.filter((n) => !n.isBeeper);
  const networks = all.filter((n) => pickerMatches(n, query));

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 tabIndex={-1} id="screen-title">
          {t('add.title')}
        </h1>
        <Button variant="ghost" onClick={() => navigate({ to: 'accounts' })}>
          {t('common.backToAccounts')}
        </Button>
      </div>
      {all.length >= FIND_FROM && (
        <div className="find-bar" role="search">
          <SearchField label={t('add.search')} placeholder={t('add.searchPlaceholder')} value={query} onChange={setQuery} />
        </div>
      )}
      {networks.length === 0 && query.trim() !== '' && (
        <p className="empty" role="status">
          {t('add.noMatch', { query: query.trim() })}
        </p>
      )}
      {GROUPS.map((g) => (
        <NetworkGroup key={g} group={g} networks={networks.filter((n) => (GROUPS.includes(n.provider) ? n.provider : 'other') === g)} loading={loading} onChoose={(n) => void choose(n)} />
      ))}
    </div>
  );
}
