/** An account's timeline, as the core recorded it: what this app saw, and what the user did through it. */
import { useEffect, useState } from 'react';
import type { AccountHistoryView, AccountTarget, HistoryEntryView } from '../../../preload/contract/views.ts';
import { statusLook, statusTone } from '../../../preload/contract/statuses.ts';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';
import type { Translate, Translator } from '../../../preload/contract/i18n/translator.ts';
import { useApp } from '../store.ts';
import { useI18n } from '../i18n.ts';

const BY_YOU: Record<Exclude<HistoryEntryView['cause'], 'observed' | 'seen'>, MessageKey> = {
  connected: 'history.connected',
  reconnected: 'history.reconnected',
  removed: 'history.removed',
};

/** One line of the timeline: "Needs login — WhatsApp was unlinked from your phone", "Reconnected by you". */
export function entryText(e: HistoryEntryView, t: Translate): string {
  const what = e.cause === 'observed' || e.cause === 'seen' ? statusLook(e.status, t).label : t(BY_YOU[e.cause]);
  const said = e.reason ? t('history.withReason', { what, reason: e.reason }) : what;
  const text = e.cause === 'seen' ? t('history.firstSeen', { what: said }) : said;
  return e.account ? t('history.ofAccount', { account: e.account, text }) : text;
}

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; view: AccountHistoryView };

/**
 * The history of the account shown, asked for again after each refresh (the one time the core
 * records something: logins and removals end in a refresh too) and after Settings cleared it,
 * keeping what is shown while the next answer travels.
 */
export function useAccountHistory(target: AccountTarget): Loaded {
  const api = useApp((s) => s.api);
  const refreshed = useApp((s) => s.accounts?.lastRefreshedAt);
  const cleared = useApp((s) => s.historyCleared);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const { bridgeID, loginID, accountID } = target;
  useEffect(() => {
    let current = true;
    api?.accountHistory({ bridgeID, loginID, accountID }).then(
      (view) => current && setLoaded({ state: 'ready', view }),
      () => current && setLoaded({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [api, bridgeID, loginID, accountID, refreshed, cleared]);
  return loaded;
}

export function Timeline({ loaded, now }: { loaded: Loaded; now: number }) {
  const i18n = useI18n();
  if (loaded.state === 'loading') return <p className="muted small">{i18n.t('common.loading')}</p>;
  if (loaded.state === 'failed') return <p className="muted small">{i18n.t('history.failed')}</p>;
  const { entries } = loaded.view;
  if (entries.length === 0) return <p className="muted small">{i18n.t('history.empty')}</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-entry timeline-${statusTone(e.cause === 'removed' ? 'disconnected' : e.status)}`}>
          <time dateTime={e.at}>{i18n.when(e.at, now)}</time>
          <span>{entryText(e, i18n.t)}</span>
        </li>
      ))}
    </ol>
  );
}

/** An account that dropped three or more times this week says so, with the days. */
export function Unstable({ dates, now }: { dates: readonly string[]; now: number }) {
  const i18n: Translator = useI18n();
  if (dates.length === 0) return null;
  return <p className="callout callout-warn">{i18n.t('history.unstable', { count: dates.length, dates: i18n.list(dates.map((d) => i18n.when(d, now))) })}</p>;
}
