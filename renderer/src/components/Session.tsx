/**
 * One login session, step by step. Focus moves to each new step's heading and the change is
 * announced, so the wizard works by keyboard and with a screen reader. Cancel is always there
 * and really cancels the session in Beeper Desktop.
 */
import { useEffect, useRef } from 'react';
import type { SessionView } from '../../../preload/contract/views.ts';
import { CookiesStep } from '../steps/CookiesStep.tsx';
import { DisplayStep } from '../steps/DisplayStep.tsx';
import { InputStep } from '../steps/InputStep.tsx';
import { UnsupportedStep } from '../steps/UnsupportedStep.tsx';
import { useApp } from '../store.ts';
import { Avatar, Button, Icon, Spinner } from './ui.tsx';

function heading(s: SessionView): string {
  switch (s.phase) {
    case 'starting':
      return `Connecting to ${s.bridgeName}…`;
    case 'user_input': {
      const fields = s.step?.type === 'user_input' ? s.step.fields : [];
      const kinds = fields.map((f) => f.kind);
      if (kinds.includes('password')) return 'Enter your password';
      if (kinds.includes('code')) return 'Enter the code';
      if (kinds.includes('phone')) return 'Enter your phone number';
      if (kinds.includes('captcha')) return 'Type the characters in the picture';
      if (kinds.includes('email')) return 'Enter your email address';
      if (fields.length === 1 && kinds[0] === 'select') return `Choose your ${fields[0]!.label.toLowerCase()}`;
      return `Log in to ${s.bridgeName}`;
    }
    case 'cookies':
      return `Sign in to ${s.bridgeName}`;
    case 'display_and_wait': {
      const kind = s.step?.type === 'display_and_wait' ? s.step.display.kind : 'nothing';
      if (kind === 'qr') return 'Scan the QR code';
      if (kind === 'emoji') return 'Tap the matching emoji';
      if (kind === 'code') return 'Enter this code on your phone';
      return 'Waiting for your phone';
    }
    case 'unsupported':
      return `Finish connecting ${s.bridgeName} in Beeper Desktop`;
    case 'complete':
      return s.result?.restored ? `${s.bridgeName} is reconnected` : `${s.bridgeName} is connected`;
    case 'failed':
      return `Could not connect ${s.bridgeName}`;
    case 'cancelled':
      return 'Login cancelled';
  }
}

/** A key that changes whenever the user is shown something new. */
const stepKey = (s: SessionView): string => `${s.phase}|${s.step && 'stepID' in s.step ? s.step.stepID : ''}`;

export function SessionScreen({ sessionID }: { sessionID: string }) {
  const session = useApp((s) => s.sessions[sessionID]);
  const canCapture = useApp((s) => s.capabilities.captureWindow);
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const key = session ? stepKey(session) : '';
  const revision = session?.step?.type === 'display_and_wait' ? session.step.revision : 0;

  // Focus moves only when the step itself changes, not on every update of the same step: to the
  // first field of a form (the live region announces the step), otherwise to the step's title.
  useEffect(() => {
    const firstField = key.startsWith('input|') ? document.querySelector<HTMLElement>('.step-form input, .step-form select') : null;
    (firstField ?? headingRef.current)?.focus();
  }, [key]);

  if (!session) {
    return (
      <div className="screen">
        <p>This login is no longer open.</p>
        <Button onClick={() => navigate({ name: 'accounts' })}>Back to accounts</Button>
      </div>
    );
  }
  const live = !session.finished;
  const close = async (): Promise<void> => {
    await run('close', (api) => api.dismissSession({ sessionID }));
    navigate({ name: 'accounts' });
  };
  const cancel = async (): Promise<void> => {
    await run('cancel', (api) => api.cancelSession({ sessionID }));
  };
  const retry = async (): Promise<void> => {
    const req: { bridgeID: string; flowID?: string; loginID?: string; accountID?: string } = { bridgeID: session.bridgeID };
    if (session.flowID) req.flowID = session.flowID;
    if (session.reconnect?.loginID) req.loginID = session.reconnect.loginID;
    else if (session.reconnect?.accountID) req.accountID = session.reconnect.accountID;
    await run('close', (api) => api.dismissSession({ sessionID }));
    const next = await run('start again', (api) => api.startSession(req));
    if (next) navigate({ name: 'session', sessionID: next.id });
  };
  const submitInput = async (fields: Record<string, string>): Promise<void> => {
    await run('send', (api) => api.submitInput({ sessionID, fields }));
  };
  const submitCookies = async (fields: Record<string, string>): Promise<void> => {
    await run('send', (api) => api.submitCookies({ sessionID, fields }));
  };

  return (
    <div className="screen session">
      <div className="session-card">
        <p className="eyebrow">{session.reconnect ? `Reconnect · ${session.bridgeName}` : `Add account · ${session.bridgeName}`}</p>
        <h1 ref={headingRef} tabIndex={-1} className="session-title">
          {heading(session)}
        </h1>
        <div className="visually-hidden" aria-live="polite" role="status">
          {heading(session)}
          {revision > 1 ? '. A new code is shown.' : ''}
        </div>

        {session.phase === 'starting' && <Spinner label="Starting" large />}
        {session.phase === 'user_input' && session.step?.type === 'user_input' && <InputStep key={key} session={session} step={session.step} onSubmit={submitInput} />}
        {session.phase === 'cookies' && session.step?.type === 'cookies' && (
          <CookiesStep
            key={key}
            session={session}
            step={session.step}
            canCapture={canCapture}
            onCapture={async () => {
              await run('open the sign-in window', (api) => api.openCaptureWindow({ sessionID }));
            }}
            onSubmit={submitCookies}
          />
        )}
        {session.phase === 'display_and_wait' && session.step?.type === 'display_and_wait' && <DisplayStep step={session.step} network={session.bridgeName} />}
        {session.phase === 'unsupported' && session.step?.type === 'unsupported' && <UnsupportedStep step={session.step} />}

        {session.phase === 'complete' && (
          <div className="result result-ok">
            <Icon name="check" />
            {session.result?.identity ? (
              <div className="result-who">
                <Avatar identity={session.result.identity} />
                <div>
                  <strong>{session.result.identity.name}</strong>
                  {session.result.identity.detail && <div className="muted small">{session.result.identity.detail}</div>}
                  <div className="small">{session.result.network}</div>
                </div>
              </div>
            ) : (
              <p>Your {session.bridgeName} account is ready.</p>
            )}
            <p className="muted small">Its chats appear in Beeper in a moment.</p>
          </div>
        )}
        {session.phase === 'failed' && (
          <div className="result result-bad" role="alert">
            <Icon name="alert" />
            <p>{session.error?.message ?? 'The login did not complete.'}</p>
            {session.error?.code && <p className="muted small">Code: {session.error.code}</p>}
          </div>
        )}
        {session.phase === 'cancelled' && <p className="muted">Nothing was changed.</p>}

        <div className="session-footer">
          {live ? (
            <Button variant="ghost" onClick={() => void cancel()}>
              Cancel
            </Button>
          ) : session.phase === 'complete' ? (
            <>
              <Button
                onClick={async () => {
                  await run('close', (api) => api.dismissSession({ sessionID }));
                  navigate({ name: 'add' });
                }}
              >
                Add another
              </Button>
              <Button variant="primary" onClick={() => void close()}>
                Done
              </Button>
            </>
          ) : (
            <>
              <Button variant="ghost" onClick={() => void close()}>
                Close
              </Button>
              {session.phase === 'failed' && (
                <Button variant="primary" onClick={() => void retry()}>
                  Try again
                </Button>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
