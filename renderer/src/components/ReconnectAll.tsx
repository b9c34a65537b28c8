/**
 * "Reconnect all" once started (the button is the account list's): the bar above each of its logins
 * ("2 of 3 · Telegram · Alex Rivera", Skip, Stop), and its own screen — starting the next login, or
 * the summary at the end. Loaded with the first screen that needs it (screens.tsx). The queue itself
 * runs in main (main/core/sessions/reconnect-queue.ts); this only shows it.
 */
import type { ReconnectAllView, SessionView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button, Icon, PersonOnNetwork, Spinner } from './ui.tsx';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';
import { useI18n } from '../i18n.ts';

function useQueueActions(): { skip: () => Promise<void>; stop: () => Promise<void> } {
  const run = useApp((s) => s.run);
  return {
    skip: async () => void (await run((api) => api.skipReconnect())),
    stop: async () => void (await run((api) => api.stopReconnectAll())),
  };
}

/** Whether a login is one the queue runs: its Cancel is then the bar's Skip and Stop. */
export const inQueue = (queue: ReconnectAllView | null, sessionID: string): boolean => queue?.items.some((i) => i.sessionID === sessionID) ?? false;

/** Above a login the queue is running: where in the queue, whose account, and the way to skip it or stop. */
export function QueueBar({ session }: { session: SessionView }) {
  const queue = useApp((s) => s.reconnectAll);
  const { skip, stop } = useQueueActions();
  const { t } = useI18n();
  const at = queue?.items.findIndex((i) => i.sessionID === session.id) ?? -1;
  if (!queue || at < 0) return null;
  const item = queue.items[at]!;
  return (
    <div className="queue-bar" role="group" aria-label={t('all.title')}>
      <span>
        <strong>{t('all.position', { at: at + 1, total: queue.items.length })}</strong>{' '}
        · {item.bridgeName} · <bdi>{item.identity.name}</bdi>
      </span>
      <span className="actions">
        <Button onClick={() => void skip()}>{t('all.skip')}</Button>
        <Button variant="ghost" onClick={() => void stop()}>
          {t('all.stop')}
        </Button>
      </span>
    </div>
  );
}

const OUTCOME: Record<ReconnectAllView['items'][number]['outcome'], MessageKey> = {
  waiting: 'all.waiting',
  current: 'all.current',
  reconnected: 'all.reconnected',
  skipped: 'all.skipped',
  failed: 'all.failed',
  'not-reached': 'all.not-reached',
};

function Summary({ queue }: { queue: ReconnectAllView }) {
  const done = queue.items.filter((i) => i.outcome === 'reconnected').length;
  const { t } = useI18n();
  return (
    <>
      <p>{queue.items.length === 0 ? t('all.nothingNeeded') : t('all.done', { done, total: queue.items.length })}</p>
      <ul className="logins queue-summary">
        {queue.items.map((i) => (
          <li key={`${i.bridgeID}/${i.loginID ?? i.accountID}`} className="login">
            <div className="login-main">
              <PersonOnNetwork identity={i.identity} network={i.bridgeName} line={i.error ? t('all.withError', { outcome: t(OUTCOME[i.outcome]), error: i.error }) : t(OUTCOME[i.outcome])} lineClass={i.outcome === 'reconnected' ? '' : 'status-text'} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function Unavailable({ queue }: { queue: ReconnectAllView }) {
  const { t } = useI18n();
  if (queue.unavailable.length === 0) return null;
  return (
    <section aria-labelledby="queue-unavailable">
      <h2 id="queue-unavailable" className="section-title">
        {t('all.unavailable')}
      </h2>
      <ul className="logins">
        {queue.unavailable.map((u, k) => (
          <li key={k} className="login">
            <div className="login-main">
              <PersonOnNetwork identity={u.identity} network={u.bridgeName} line={u.reason} lineClass="muted" />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReconnectAllScreen() {
  const queue = useApp((s) => s.reconnectAll);
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const { stop } = useQueueActions();
  const { t } = useI18n();
  const done = async (): Promise<void> => {
    await run((api) => api.closeReconnectAll());
    navigate({ to: 'accounts' });
  };
  return (
    <div className="screen">
      <div className="session-card">
        <p className="eyebrow">{t('all.title')}</p>
        <h1 tabIndex={-1} id="screen-title" className="session-title">
          {t(!queue ? 'all.nothing' : queue.finished ? 'all.finished' : 'all.next')}
        </h1>
        {queue && !queue.finished && <Spinner label={t('all.nextSpinner')} large />}
        {queue?.finished && <Summary queue={queue} />}
        {queue && <Unavailable queue={queue} />}
        <div className="session-footer">
          {queue && !queue.finished ? (
            <Button variant="ghost" onClick={() => void stop()}>
              {t('all.stop')}
            </Button>
          ) : (
            <Button variant="primary" onClick={() => void done()}>
              <Icon name="check" /> {t('common.done')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
