/**
 * What the window's first screens show only now and then, in a chunk of its own (bench figure 1):
 * the banners (Beeper Desktop gone, the sign-in's storage, an update ready), the account list's
 * logins in progress, its empty and no-match states. Before the first screen the window loads it
 * when that screen shows one of them (screens.tsx), so nothing pops in; otherwise when idle.
 */
import { useState } from 'react';
import type { SessionView } from '../../../preload/contract/views.ts';
import { asksStorageConsent, sessionLabel, sessionsInList, updateReady, useApp, useNeedsDesktop, DESKTOP_GONE_BANNER } from '../store.ts';
import { useI18n } from '../i18n.ts';
import { useSessionActions } from './session-actions.ts';
import { Button, Icon } from './ui.tsx';
import { OpenBeeperDesktop } from './OpenBeeperDesktop.tsx';

/** Signed in, and Beeper Desktop is gone: what is shown is as last seen, and what needs it is off until it is back. */
export function DesktopGone() {
  const connection = useApp((s) => s.connection);
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const retry = async (): Promise<void> => {
    setBusy(true);
    await run((api) => api.retryConnection());
    setBusy(false);
  };
  return (
    <div className="banner banner-bad" role="alert" id={DESKTOP_GONE_BANNER}>
      <span>{t('banner.desktopGone', { reason: connection?.error?.message ?? t('banner.desktopGoneReason') })}</span>
      <div className="actions">
        <Button busy={busy} onClick={() => void retry()}>
          <Icon name="refresh" /> {t('common.tryAgain')}
        </Button>
        <OpenBeeperDesktop />
      </div>
    </div>
  );
}

/** Shown while signed in when the OS offers no secure storage for the sign-in. */
export function StorageConsent() {
  const auth = useApp((s) => s.auth);
  const run = useApp((s) => s.run);
  const [dismissed, setDismissed] = useState(false);
  const { t } = useI18n();
  if (!asksStorageConsent(auth) || dismissed) return null;
  return (
    <div className="banner banner-warn" role="region" aria-label={t('consent.region')}>
      <div>
        <strong>{t('consent.untilQuit')}</strong> {auth.storage.reason}
      </div>
      <div className="banner-actions">
        <Button onClick={() => void run((api) => api.setPlaintextConsent({ allow: true }))}>{t('consent.storeUnencrypted')}</Button>
        <Button variant="ghost" onClick={() => setDismissed(true)}>
          {t('consent.keepForSession')}
        </Button>
      </div>
    </div>
  );
}

export function UpdateReady() {
  const updater = useApp((s) => s.updater);
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  if (!updateReady(updater)) return null;
  return (
    <div className="banner banner-info" role="region" aria-label={t('banner.updateRegion')}>
      <span>{t('banner.updateReady', { version: updater.version })}</span>
      <Button variant="primary" onClick={() => void run((api) => api.restartToUpdate())}>
        {t('banner.restartToUpdate')}
      </Button>
    </div>
  );
}

/**
 * Logins started and not finished (the user left their screen, or the window reloaded): a way back
 * to each, or to stop it. One that ended on its own (Beeper Desktop restarted, the code ran out)
 * stays here saying so, with Start again, until it is closed.
 */
export function InProgress() {
  const sessions = useApp((s) => s.sessions);
  const { t } = useI18n();
  const shown = sessionsInList(sessions);
  return (
    <section className="in-progress-list" aria-labelledby="in-progress-title">
      <h2 id="in-progress-title">{t('ongoing.title')}</h2>
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
  const { t } = useI18n();
  const what = sessionLabel(s, t, 'lower');
  const failed = s.phase === 'failed';
  return (
    <li className="login">
      <div className="login-main">
        <div className="grow">
          <div>{sessionLabel(s, t)}</div>
          {failed && <div className="small status-text">{t('ongoing.ended', { reason: s.error?.message ?? t('ongoing.endedUnknown') })}</div>}
        </div>
        <div className="row-actions">
          {failed ? (
            <Button variant="primary" onClick={() => void startAgain()} aria-label={t('ongoing.startAgainWhat', { what })}>
              {t('common.startAgain')}
            </Button>
          ) : (
            <Button variant="primary" onClick={() => navigate({ to: 'session', sessionID: s.id })} aria-label={t('ongoing.continueWhat', { what })}>
              {t('common.continue')}
            </Button>
          )}
          <Button variant="ghost" onClick={() => void dismissThen(() => undefined)} aria-label={t(failed ? 'ongoing.closeWhat' : 'ongoing.cancelWhat', { what })}>
            {t(failed ? 'common.close' : 'common.cancel')}
          </Button>
        </div>
      </div>
    </li>
  );
}

export function NoMatch() {
  const filter = useApp((s) => s.listFilter);
  const setFilter = useApp((s) => s.setListFilter);
  const { t } = useI18n();
  const query = filter.query.trim();
  return (
    <div className="empty" role="status">
      <p>{query ? t('empty.noMatch', { query, attentionOnly: String(filter.attentionOnly) }) : t('empty.noneNeedAttention')}</p>
      <Button onClick={() => setFilter({ query: '', attentionOnly: false })}>{t('empty.showAll')}</Button>
    </div>
  );
}

export function EmptyList() {
  const needsDesktop = useNeedsDesktop();
  const navigate = useApp((s) => s.navigate);
  const { t } = useI18n();
  return (
    <div className="empty">
      <h2>{t('empty.title')}</h2>
      <p className="muted">{t('empty.hint')}</p>
      <Button variant="primary" {...needsDesktop} onClick={() => navigate({ to: 'add-account' })}>
        <Icon name="plus" /> {t('empty.addFirst')}
      </Button>
    </div>
  );
}
