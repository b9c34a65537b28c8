/** Everything before the account list: finding Beeper Desktop and connecting to it. */
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useApp } from '../store.ts';
import { RevealButton } from '../steps/common.tsx';
import { Button, Icon, Spinner } from './ui.tsx';
import { OpenBeeperDesktop } from './OpenBeeperDesktop.tsx';
import { richParts, useI18n } from '../i18n.ts';

function Panel({ title, children, tone = 'info' }: { title: string; children: React.ReactNode; tone?: 'info' | 'warn' }) {
  return (
    <section className={`panel panel-${tone}`} aria-labelledby="panel-title">
      <h1 id="panel-title" tabIndex={-1} className="panel-title">
        {title}
      </h1>
      {children}
    </section>
  );
}

export function Searching() {
  const { t } = useI18n();
  return (
    <Panel title={t('connect.looking')}>
      <p className="muted">{t('connect.lookingHint')}</p>
      <Spinner label={t('app.searching')} large />
    </Panel>
  );
}

export function NotRunning() {
  const connection = useApp((s) => s.connection)!;
  const run = useApp((s) => s.run);
  const [busy, setBusy] = useState(false);
  const [address, setAddress] = useState(connection.configuredURL ?? '');
  const i18n = useI18n();
  const { t } = i18n;
  const retry = async (): Promise<void> => {
    setBusy(true);
    await run((api) => api.retryConnection());
    setBusy(false);
  };
  const applyAddress = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    await run((api) => api.setServerAddress({ baseURL: address.trim() || null }));
    setBusy(false);
  };
  const notBeeper = connection.error?.code === 'NOT_BEEPER';
  const first = connection.tried[0];
  return (
    <Panel title={t(notBeeper ? 'connect.notBeeper' : 'connect.notRunning')} tone="warn">
      <p>{connection.error?.message ?? t('connect.unreachable')}</p>
      {!notBeeper && (
        <ol className="steps-list">
          <li>{t('connect.step1')}</li>
          <li>{richParts(i18n.rich<ReactNode>('connect.step2', { b: (chunks) => <strong>{richParts(chunks)}</strong> }))}</li>
          <li>{t('connect.step3')}</li>
        </ol>
      )}
      <div className="actions">
        <Button variant="primary" busy={busy} onClick={() => void retry()}>
          <Icon name="refresh" /> {t('common.tryAgain')}
        </Button>
        {!notBeeper && <OpenBeeperDesktop />}
      </div>
      {first && (
        <p className="muted small">{t('connect.lookedAt', { first, others: connection.tried.length - 1, at: connection.checkedAt ? i18n.when(connection.checkedAt) : 'none' })}</p>
      )}
      <details className="disclosure">
        <summary>{t('connect.otherAddress')}</summary>
        <form className="inline-form" onSubmit={(e) => void applyAddress(e)}>
          <label htmlFor="server-address">{t('connect.apiAddress')}</label>
          <div className="inline-row">
            <input id="server-address" type="url" inputMode="url" placeholder="http://localhost:23373" value={address} onChange={(e) => setAddress(e.target.value)} />
            <Button type="submit" busy={busy}>
              {t('connect.useAddress')}
            </Button>
          </div>
          <p className="muted small">{t('connect.emptySearches')}</p>
        </form>
      </details>
    </Panel>
  );
}

export function DesktopNeedsLogin() {
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  return (
    <Panel title={t('connect.desktopSignedOut')} tone="warn">
      <p>{t('connect.desktopSignedOutHint')}</p>
      <div className="actions">
        <Button variant="primary" onClick={() => void run((api) => api.retryConnection())}>
          <Icon name="refresh" /> {t('connect.checkAgain')}
        </Button>
      </div>
    </Panel>
  );
}

/** Pasting a token made in Beeper Desktop, for when the browser approval cannot be used. */
function TokenForm() {
  const api = useApp((s) => s.api);
  const [token, setToken] = useState('');
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const { t } = useI18n();

  const submitToken = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (!api) return;
    setBusy(true);
    setTokenError(null);
    try {
      await api.useToken({ token });
      setToken('');
    } catch (err) {
      // Shown next to the field it is about, not as a passing notice.
      setTokenError(err instanceof Error ? err.message : t('connect.tokenFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="disclosure">
      <summary>{t('connect.pasteToken')}</summary>
      <form className="inline-form" onSubmit={(e) => void submitToken(e)}>
        <p className="muted small">{t('connect.tokenHint')}</p>
        <label htmlFor="access-token">{t('connect.token')}</label>
        <div className="inline-row">
          <input
            id="access-token"
            type={reveal ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            aria-invalid={tokenError ? true : undefined}
            aria-describedby={tokenError ? 'token-error' : undefined}
          />
          <RevealButton reveal={reveal} onToggle={() => setReveal(!reveal)} name={t('connect.tokenName')} />
          <Button type="submit" busy={busy} disabled={!token.trim()}>
            {t('connect.useToken')}
          </Button>
        </div>
        {tokenError && (
          <p id="token-error" className="callout callout-error" role="alert">
            {tokenError}
          </p>
        )}
      </form>
    </details>
  );
}

/** Connect, or while the browser approval is pending: waiting, a link to the page again, and Cancel. */
function SignInActions({ signingIn }: { signingIn: boolean }) {
  const run = useApp((s) => s.run);
  const api = useApp((s) => s.api);
  const externalLink = useApp((s) => s.externalLink);
  const { t } = useI18n();
  // A failed sign-in is shown by `auth.reason` above; no second notice.
  const signIn = (): void => {
    void api?.signIn().catch(() => undefined);
  };
  if (!signingIn) {
    return (
      <div className="actions">
        <Button variant="primary" onClick={signIn}>
          {t('connect.connect')}
        </Button>
      </div>
    );
  }
  return (
    <div className="actions">
      <Spinner label={t('connect.waitingForApproval')} />
      <span className="muted">
        {t('connect.approveInBrowser')}
        {externalLink && (
          <>
            {' '}
            <a href={externalLink} target="_blank" rel="noopener noreferrer">
              {t('connect.openApprovalPage')}
            </a>
          </>
        )}
      </span>
      <Button variant="ghost" onClick={() => void run((api) => api.cancelSignIn())}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}

export function ConnectScreen() {
  const auth = useApp((s) => s.auth)!;
  const connection = useApp((s) => s.connection)!;
  const { t } = useI18n();
  return (
    <Panel title={t(auth.connectAgain ? 'connect.titleAgain' : 'connect.title')}>
      {auth.reason && (
        <p className={auth.connectAgain ? 'callout callout-warn' : 'callout callout-error'} role="alert">
          {auth.reason.message}
        </p>
      )}
      <p>{t('connect.permission', { version: connection.desktopVersion ?? 'none' })}</p>
      <SignInActions signingIn={auth.status === 'signing-in'} />
      <TokenForm />
    </Panel>
  );
}
