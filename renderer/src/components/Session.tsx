/**
 * One login session, step by step. Focus moves to each new step's heading and the change is
 * announced, so the wizard works by keyboard and with a screen reader. Cancel is always there
 * and really cancels the session in Beeper Desktop. Steps come from the registry in steps/.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type { SessionView, StepView } from '../../../preload/contract/views.ts';
import { stepEntry, type StepActions } from '../steps/registry.tsx';
import { sessionLabel, useApp } from '../store.ts';
import type { Translate } from '../../../preload/contract/i18n/translator.ts';
import { Avatar, Button, Icon, Spinner } from './ui.tsx';
import { ErrorDetails } from './controls.tsx';
import { useSessionActions } from './session-actions.ts';
import { inQueue, QueueBar } from './ReconnectAll.tsx';
import { useI18n } from '../i18n.ts';

/** The step on screen, if the session is showing one. */
function currentStep(s: SessionView): StepView | null {
  return s.finished || s.phase === 'starting' ? null : s.step;
}

function title(s: SessionView, t: Translate): string {
  const step = currentStep(s);
  if (step) return stepEntry(step).title(step, s.bridgeName, t);
  const network = { network: s.bridgeName };
  switch (s.phase) {
    case 'complete':
      return t(s.result?.restored ? 'session.reconnected' : 'session.connected', network);
    case 'failed':
      return t('session.failed', network);
    case 'cancelled':
      return t('session.cancelled');
    default:
      return t('session.connecting', network);
  }
}

/** A key that changes whenever the user is shown something new. */
const stepKey = (s: SessionView): string => `${s.phase}|${s.step && 'stepID' in s.step ? s.step.stepID : ''}`;

/** A reconnect says, on every step, whose account it is: with three WhatsApp accounts, the phone to pick up. */
function ForWhom({ session }: { session: SessionView }) {
  const who = session.reconnect?.identity;
  const { t } = useI18n();
  if (!who) return null;
  return (
    <div className="session-who">
      <Avatar identity={who} size={32} />
      <div>
        <span className="visually-hidden">{t('session.for')} </span>
        <strong dir="auto">{who.name}</strong>
        {who.detail && (
          <span className="muted small">
            {' · '}
            <bdi>{who.detail}</bdi>
          </span>
        )}
      </div>
    </div>
  );
}

function StepBody({ session, step, actions }: { session: SessionView; step: StepView; actions: StepActions }): ReactElement {
  const { Body } = stepEntry(step);
  return <Body session={session} step={step} actions={actions} />;
}

function Outcome({ session }: { session: SessionView }) {
  const { t } = useI18n();
  if (session.phase === 'complete') {
    const identity = session.result?.identity;
    return (
      <div className="result result-ok">
        <Icon name="check" />
        {identity ? (
          <div className="result-who">
            <Avatar identity={identity} />
            <div>
              <strong dir="auto">{identity.name}</strong>
              {identity.detail && (
                <div className="muted small" dir="auto">
                  {identity.detail}
                </div>
              )}
              <div className="small">{session.result?.network}</div>
            </div>
          </div>
        ) : (
          <p>{t('session.ready', { network: session.bridgeName })}</p>
        )}
        <p className="muted small">{t('session.chatsSoon')}</p>
      </div>
    );
  }
  if (session.phase === 'failed') {
    return (
      <>
        <div className="result result-bad" role="alert">
          <Icon name="alert" />
          <p>{session.error?.message ?? t('session.didNotComplete')}</p>
        </div>
        <ErrorDetails code={session.error?.code} />
      </>
    );
  }
  return <p className="muted">{t('session.nothingChanged')}</p>;
}

function Footer({ session }: { session: SessionView }) {
  const navigate = useApp((s) => s.navigate);
  const notify = useApp((s) => s.notify);
  const { dismissThen, startAgain: retry } = useSessionActions(session);
  const queued = useApp((s) => inQueue(s.reconnectAll, session.id));
  const { t } = useI18n();
  // In "Reconnect all", the bar above says Skip and Stop instead.
  if (queued) return null;
  if (!session.finished) {
    // The user said what they want: the login ends (on the server too) and they are back where
    // they came from, told so by a notice that needs no click.
    const cancel = (): Promise<void> =>
      dismissThen(() => {
        navigate(session.reconnect ? { to: 'accounts' } : { to: 'add-account' });
        notify('info', t('session.wasCancelled', { what: sessionLabel(session, t) }));
      });
    return (
      <Button variant="ghost" onClick={() => void cancel()}>
        {t('common.cancel')}
      </Button>
    );
  }
  if (session.phase === 'complete') {
    return (
      <>
        <Button onClick={() => void dismissThen(() => navigate({ to: 'add-account' }))}>{t('session.addAnother')}</Button>
        <Button variant="primary" onClick={() => void dismissThen(() => navigate({ to: 'accounts' }))}>
          {t('common.done')}
        </Button>
      </>
    );
  }
  return (
    <>
      <Button variant="ghost" onClick={() => void dismissThen(() => navigate({ to: 'accounts' }))}>
        {t('common.close')}
      </Button>
      {session.phase === 'failed' && (
        <Button variant="primary" onClick={() => void retry()}>
          {t('common.startAgain')}
        </Button>
      )}
    </>
  );
}

function useStepActions(sessionID: string): StepActions {
  const run = useApp((s) => s.run);
  const canCapture = useApp((s) => s.capabilities.captureWindow);
  return {
    canCapture,
    submitInput: async (fields) => void (await run((api) => api.submitInput({ sessionID, fields }))),
    submitCookies: async (fields) => void (await run((api) => api.submitCookies({ sessionID, fields }))),
    openCaptureWindow: async () => void (await run((api) => api.openCaptureWindow({ sessionID }))),
  };
}

export function SessionScreen({ sessionID }: { sessionID: string }) {
  const session = useApp((s) => s.sessions[sessionID]);
  const navigate = useApp((s) => s.navigate);
  const actions = useStepActions(sessionID);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = session ? currentStep(session) : null;
  const key = session ? stepKey(session) : '';
  const focus = step ? stepEntry(step).focus : 'title';
  const revision = step?.type === 'display_and_wait' ? step.revision : 0;
  const { t } = useI18n();

  // Focus moves only when the step itself changes, not on every update of the same step: to the
  // first field of a form (the live region announces the step), otherwise to the step's title.
  useEffect(() => {
    const firstField = focus === 'first-field' ? document.querySelector<HTMLElement>('.step-form input:not([data-aside]), .step-form select:not([data-aside])') : null;
    (firstField ?? headingRef.current)?.focus();
  }, [key, focus]);

  if (!session) {
    return (
      <div className="screen">
        <p>{t('session.gone')}</p>
        <Button onClick={() => navigate({ to: 'accounts' })}>{t('common.backToAccounts')}</Button>
      </div>
    );
  }
  return (
    <div className="screen session">
      <div className="session-card">
        <QueueBar session={session} />
        <p className="eyebrow">{t(session.reconnect ? 'session.eyebrowReconnect' : 'session.eyebrowAdd', { network: session.bridgeName })}</p>
        <ForWhom session={session} />
        <h1 ref={headingRef} tabIndex={-1} className="session-title">
          {title(session, t)}
        </h1>
        <div className="visually-hidden" aria-live="polite" role="status">
          {title(session, t)}
          {revision > 1 ? t('session.newCode') : ''}
        </div>
        {session.phase === 'starting' && <Spinner label={t('session.starting')} large />}
        {step && <StepBody key={key} session={session} step={step} actions={actions} />}
        {session.finished && <Outcome session={session} />}
        <div className="session-footer">
          <Footer session={session} />
        </div>
      </div>
    </div>
  );
}
