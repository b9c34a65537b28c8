/** Everything before the account list: finding Beeper Desktop and connecting to it. */
import { useState, type SubmitEvent } from 'react';
import { useApp } from '../store.ts';
import { RevealButton } from '../steps/common.tsx';
import { Button, Icon, OpenBeeperDesktop, Spinner } from './ui.tsx';

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
  return (
    <Panel title="Looking for Beeper Desktop…">
      <p className="muted">Checking this computer for the Beeper Desktop API.</p>
      <Spinner label="Searching" large />
    </Panel>
  );
}

export function NotRunning() {
  const connection = useApp((s) => s.connection)!;
  const run = useApp((s) => s.run);
  const [busy, setBusy] = useState(false);
  const [address, setAddress] = useState(connection.configuredURL ?? '');
  const retry = async (): Promise<void> => {
    setBusy(true);
    await run('look again', (api) => api.retryConnection());
    setBusy(false);
  };
  const applyAddress = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    await run('use that address', (api) => api.setServerAddress({ baseURL: address.trim() || null }));
    setBusy(false);
  };
  const notBeeper = connection.error?.code === 'NOT_BEEPER';
  const first = connection.tried[0];
  return (
    <Panel title={notBeeper ? 'That is not Beeper Desktop' : 'Beeper Desktop is not running'} tone="warn">
      <p>{connection.error?.message ?? 'Beeper Desktop could not be reached.'}</p>
      {!notBeeper && (
        <ol className="steps-list">
          <li>Open Beeper Desktop on this computer and sign in.</li>
          <li>
            In Beeper Desktop, open <strong>Settings → Developers</strong> and turn on <strong>Beeper Desktop API</strong>.
          </li>
          <li>Come back here: this page connects by itself, or choose Try again.</li>
        </ol>
      )}
      <div className="actions">
        <Button variant="primary" busy={busy} onClick={() => void retry()}>
          <Icon name="refresh" /> Try again
        </Button>
        {!notBeeper && <OpenBeeperDesktop />}
      </div>
      {first && (
        <p className="muted small">
          Looked at {first}
          {connection.tried.length > 1 ? ` and ${connection.tried.length - 1} other local addresses` : ''}
          {connection.checkedAt ? ` at ${new Date(connection.checkedAt).toLocaleTimeString()}` : ''}.
        </p>
      )}
      <details className="disclosure">
        <summary>Beeper Desktop uses another address</summary>
        <form className="inline-form" onSubmit={(e) => void applyAddress(e)}>
          <label htmlFor="server-address">API address</label>
          <div className="inline-row">
            <input id="server-address" type="url" inputMode="url" placeholder="http://localhost:23373" value={address} onChange={(e) => setAddress(e.target.value)} />
            <Button type="submit" busy={busy}>
              Use this address
            </Button>
          </div>
          <p className="muted small">Leave it empty to search automatically.</p>
        </form>
      </details>
    </Panel>
  );
}

export function DesktopNeedsLogin() {
  const run = useApp((s) => s.run);
  return (
    <Panel title="Sign in to Beeper Desktop first" tone="warn">
      <p>Beeper Desktop is running but not signed in to your Beeper account. Sign in there, then come back.</p>
      <div className="actions">
        <Button variant="primary" onClick={() => void run('look again', (api) => api.retryConnection())}>
          <Icon name="refresh" /> Check again
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
      setTokenError(err instanceof Error ? err.message : 'That token could not be used.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="disclosure">
      <summary>Paste an access token instead</summary>
      <form className="inline-form" onSubmit={(e) => void submitToken(e)}>
        <p className="muted small">
          In Beeper Desktop, open Settings → Developers, choose + next to Approved connections, and copy the token it shows.
        </p>
        <label htmlFor="access-token">Access token</label>
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
          <RevealButton reveal={reveal} onToggle={() => setReveal(!reveal)} name="access token" />
          <Button type="submit" busy={busy} disabled={!token.trim()}>
            Use token
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
  // A failed sign-in is shown by `auth.reason` above; no second notice.
  const signIn = (): void => {
    void api?.signIn().catch(() => undefined);
  };
  if (!signingIn) {
    return (
      <div className="actions">
        <Button variant="primary" onClick={signIn}>
          Connect
        </Button>
      </div>
    );
  }
  return (
    <div className="actions">
      <Spinner label="Waiting for approval" />
      <span className="muted">
        Waiting for you to approve in your browser…
        {externalLink && (
          <>
            {' '}
            <a href={externalLink} target="_blank" rel="noopener noreferrer">
              Open the approval page
            </a>
          </>
        )}
      </span>
      <Button variant="ghost" onClick={() => void run('cancel', (api) => api.cancelSignIn())}>
        Cancel
      </Button>
    </div>
  );
}

export function ConnectScreen() {
  const auth = useApp((s) => s.auth)!;
  const connection = useApp((s) => s.connection)!;
  return (
    <Panel title={auth.connectAgain ? 'Connect to Beeper Desktop again' : 'Connect to Beeper Desktop'}>
      {auth.reason && (
        <p className={auth.connectAgain ? 'callout callout-warn' : 'callout callout-error'} role="alert">
          {auth.reason.message}
        </p>
      )}
      <p>
        Beeper Account Manager needs your permission to see and manage the accounts in Beeper Desktop
        {connection.desktopVersion ? ` ${connection.desktopVersion}` : ''}. Your browser opens Beeper Desktop’s approval page; approve it there.
      </p>
      <SignInActions signingIn={auth.status === 'signing-in'} />
      <TokenForm />
    </Panel>
  );
}

/** Shown while signed in when the OS offers no secure storage for the sign-in. */
export function StorageConsent() {
  const auth = useApp((s) => s.auth);
  const run = useApp((s) => s.run);
  const [dismissed, setDismissed] = useState(false);
  if (!auth || auth.status !== 'signed-in' || !auth.storage.needsConsent || dismissed) return null;
  return (
    <div className="banner banner-warn" role="region" aria-label="Sign-in storage">
      <div>
        <strong>Your sign-in is kept only until you quit.</strong> {auth.storage.reason}
      </div>
      <div className="banner-actions">
        <Button onClick={() => void run('save the sign-in', (api) => api.setPlaintextConsent({ allow: true }))}>Store it unencrypted</Button>
        <Button variant="ghost" onClick={() => setDismissed(true)}>
          Keep it for this session only
        </Button>
      </div>
    </div>
  );
}
