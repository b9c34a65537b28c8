/** An account's timeline, as the core recorded it: what this app saw, and what the user did through it. */
import { useEffect, useState } from 'react';
import type { AccountHistoryView, AccountTarget, HistoryEntryView } from '../../../preload/contract/views.ts';
import { statusLook } from '../../../preload/contract/statuses.ts';
import { useApp } from '../store.ts';
import { listText, whenText } from './ui.tsx';

const BY_YOU: Record<Exclude<HistoryEntryView['cause'], 'observed' | 'seen'>, string> = {
  connected: 'Connected by you',
  reconnected: 'Reconnected by you',
  removed: 'Removed by you',
};

/** One line of the timeline: "Needs login — WhatsApp was unlinked from your phone", "Reconnected by you". */
export function entryText(e: HistoryEntryView): string {
  const what = e.cause === 'observed' || e.cause === 'seen' ? statusLook(e.status).label : BY_YOU[e.cause];
  const text = `${e.cause === 'seen' ? 'First seen: ' : ''}${e.reason ? `${what} — ${e.reason}` : what}`;
  return e.account ? `${e.account}: ${text}` : text;
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
  if (loaded.state === 'loading') return <p className="muted small">Loading…</p>;
  if (loaded.state === 'failed') return <p className="muted small">The history could not be loaded.</p>;
  const { entries } = loaded.view;
  if (entries.length === 0) return <p className="muted small">Nothing recorded yet. From now on, this app notes each time this account connects or drops.</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-entry timeline-${statusLook(e.cause === 'removed' ? 'disconnected' : e.status).tone}`}>
          <time dateTime={e.at}>{whenText(e.at, now)}</time>
          <span>{entryText(e)}</span>
        </li>
      ))}
    </ol>
  );
}

/** An account that dropped three or more times this week says so, with the days. */
export function Unstable({ dates, now }: { dates: readonly string[]; now: number }) {
  if (dates.length === 0) return null;
  return (
    <p className="callout callout-warn">
      Dropped {dates.length} times in the last week: {listText(dates.map((d) => whenText(d, now)))}.
    </p>
  );
}
