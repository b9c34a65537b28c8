/** Settings: the desktop shell's behaviour, where Beeper Desktop is, the sign-in's storage, updates. */
import { useState, type SubmitEvent } from 'react';
import { TOGGLE_KEYS, TOGGLE_SETTINGS, type ToggleKey } from '../../../preload/contract/settings.ts';
import type { SettingsView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button, ConfirmInline, Dialog } from './ui.tsx';

function UpdatesSection() {
  const updater = useApp((s) => s.updater);
  const run = useApp((s) => s.run);
  if (!updater) return null;
  return (
    <section aria-labelledby="updates-title" className="settings-section">
      <h3 id="updates-title">Updates</h3>
      <p className="small">
        Beeper Account Manager {updater.currentVersion}. <span role="status">{updater.summary}</span>
      </p>
      <div className="actions">
        {updater.status === 'ready' ? (
          <Button variant="primary" onClick={() => void run('restart to update', (api) => api.restartToUpdate())}>
            Restart to update
          </Button>
        ) : updater.status === 'unsupported' ? (
          updater.downloadURL && (
            <a href={updater.downloadURL} target="_blank" rel="noopener noreferrer">
              Download the latest version
            </a>
          )
        ) : (
          <Button busy={updater.status === 'checking'} disabled={updater.status === 'downloading' || updater.status === 'available'} onClick={() => void run('check for updates', (api) => api.checkForUpdates())}>
            Check for updates
          </Button>
        )}
      </div>
    </section>
  );
}

type PendingKey = ToggleKey | 'allowPlaintextToken';
type Save = (key: PendingKey, value: boolean, call: () => Promise<unknown>) => void;

/**
 * A checkbox shows what was clicked while the change travels to main and back, instead of snapping
 * back to the old value until the pushed settings arrive.
 */
function usePending(): { pending: Partial<Record<PendingKey, boolean>>; save: Save } {
  const [pending, setPending] = useState<Partial<Record<PendingKey, boolean>>>({});
  const save: Save = (key, value, call) => {
    setPending((p) => ({ ...p, [key]: value }));
    void call().finally(() =>
      setPending((p) => {
        const next = { ...p };
        delete next[key];
        return next;
      }),
    );
  };
  return { pending, save };
}

function AppSection({ settings, pending, save }: { settings: SettingsView; pending: Partial<Record<PendingKey, boolean>>; save: Save }) {
  const capabilities = useApp((s) => s.capabilities);
  const run = useApp((s) => s.run);
  if (!capabilities.desktopShell) return null;
  const toggle = (key: ToggleKey, value: boolean): void => {
    const patch: Partial<Pick<SettingsView, ToggleKey>> = { [key]: value };
    save(key, value, () => run('save the setting', (api) => api.updateSettings(patch)));
  };
  return (
    <section aria-labelledby="app-title" className="settings-section">
      <h3 id="app-title">App</h3>
      {/* A switch that could do nothing here (a development build, a browser) is not shown. */}
      {TOGGLE_KEYS.filter((key) => capabilities[TOGGLE_SETTINGS[key].needs]).map((key) => (
        <label key={key} className="toggle">
          <input type="checkbox" checked={pending[key] ?? settings[key]} onChange={(e) => toggle(key, e.target.checked)} />
          <span>
            {TOGGLE_SETTINGS[key].label}
            {TOGGLE_SETTINGS[key].hint && <span className="muted small">{TOGGLE_SETTINGS[key].hint}</span>}
          </span>
        </label>
      ))}
    </section>
  );
}

function DesktopSection({ settings }: { settings: SettingsView }) {
  const connection = useApp((s) => s.connection);
  const run = useApp((s) => s.run);
  const [address, setAddress] = useState(settings.baseURL ?? '');
  const saveAddress = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    void run('use that address', (api) => api.setServerAddress({ baseURL: address.trim() || null }));
  };
  return (
    <section aria-labelledby="desktop-title" className="settings-section">
      <h3 id="desktop-title">Beeper Desktop</h3>
      <form className="inline-form" onSubmit={saveAddress}>
        <label htmlFor="settings-address">API address</label>
        <div className="inline-row">
          <input id="settings-address" type="url" inputMode="url" placeholder="Find it automatically" value={address} onChange={(e) => setAddress(e.target.value)} />
          <Button type="submit">Save</Button>
        </div>
        <p className="muted small">{connection?.baseURL ? `Connected to ${connection.baseURL}.` : 'Not connected.'} Leave empty to find Beeper Desktop automatically.</p>
      </form>
    </section>
  );
}

function SignInSection({ settings, pending, save }: { settings: SettingsView; pending: Partial<Record<PendingKey, boolean>>; save: Save }) {
  const auth = useApp((s) => s.auth);
  const run = useApp((s) => s.run);
  const storage = auth?.storage;
  if (auth?.status !== 'signed-in' || !storage) return null;
  const consent = (allow: boolean): void => save('allowPlaintextToken', allow, () => run('save the setting', (api) => api.setPlaintextConsent({ allow })));
  return (
    <section aria-labelledby="signin-title" className="settings-section">
      <h3 id="signin-title">Sign-in</h3>
      <p className="small">
        {auth.source === 'manual' ? 'Connected with an access token.' : 'Connected through Beeper Desktop’s approval page.'} {storage.summary}
      </p>
      {(storage.needsConsent || storage.backend === 'plaintext') && (
        <label className="toggle">
          <input type="checkbox" checked={pending.allowPlaintextToken ?? settings.allowPlaintextToken} onChange={(e) => consent(e.target.checked)} />
          <span>
            Keep me signed in without encryption
            <span className="muted small">{storage.reason}</span>
          </span>
        </label>
      )}
      <Disconnect />
    </section>
  );
}

/**
 * Ends this app's access to Beeper Desktop (it forgets the token). Not "sign out": the Beeper
 * account and its chat accounts stay as they are. Asked first: approving again takes a trip to the browser.
 */
function Disconnect() {
  const run = useApp((s) => s.run);
  return (
    <ConfirmInline
      ask="Disconnect from Beeper Desktop…"
      question="Disconnect this app from Beeper Desktop? Your chat accounts stay connected in Beeper; to use this app again you approve it in Beeper Desktop once more."
      keep="Keep connected"
      confirm="Disconnect"
      onConfirm={() => run('disconnect', (api) => api.signOut())}
    />
  );
}

/** A text file the browser saves (the preview has no save dialog). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Help for support: the diagnostics report (nothing about the person in it), and the logs. */
function HelpSection() {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const shell = useApp((s) => s.capabilities.desktopShell);
  const copy = async (): Promise<void> => {
    const report = await run('make the diagnostics report', (api) => api.diagnostics());
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      notify('success', 'Diagnostics copied. Paste them into your message to support.');
    } catch {
      notify('error', 'Could not copy. Use "Save diagnostics report…" instead.');
    }
  };
  const save = async (): Promise<void> => {
    if (shell) {
      const r = await run('save the diagnostics report', (api) => api.saveDiagnostics());
      if (r?.saved) notify('success', 'Diagnostics report saved.');
      return;
    }
    const report = await run('make the diagnostics report', (api) => api.diagnostics());
    if (report) download(report.fileName, report.text);
  };
  return (
    <section aria-labelledby="help-title" className="settings-section">
      <h3 id="help-title">Help</h3>
      <p className="small muted">For support: versions, the state of each network and account, and recent errors. Account IDs are scrambled; names, numbers, emails, your sign-in and anything you typed are left out.</p>
      <div className="actions">
        <Button onClick={() => void copy()}>Copy diagnostics</Button>
        <Button onClick={() => void save()}>Save diagnostics report…</Button>
        {shell && <Button onClick={() => void run('open the logs folder', (api) => api.openLogs())}>Open logs folder</Button>}
      </div>
    </section>
  );
}

/** What this app remembers of each account (its details' timeline): forgotten on request. */
function HistorySection() {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const clear = async (): Promise<void> => {
    const done = await run('clear the history', async (api) => {
      await api.clearHistory();
      return true;
    });
    if (!done) return;
    useApp.setState((st) => ({ historyCleared: st.historyCleared + 1 }));
    notify('success', 'The account history was cleared.');
  };
  return (
    <section aria-labelledby="history-title" className="settings-section">
      <h3 id="history-title">Account history</h3>
      <p className="small muted">This app keeps, on this computer only, when each account connected, dropped or was removed. Nothing you type into a login is kept.</p>
      <ConfirmInline ask="Clear history…" question="Forget the history of every account? Their details start again from now." keep="Keep it" confirm="Clear history" onConfirm={clear} />
    </section>
  );
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useApp((s) => s.settings);
  const { pending, save } = usePending();
  if (!settings) return null;
  return (
    <Dialog
      title="Settings"
      open
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <AppSection settings={settings} pending={pending} save={save} />
      <DesktopSection settings={settings} />
      <SignInSection settings={settings} pending={pending} save={save} />
      <HistorySection />
      <HelpSection />
      <UpdatesSection />
    </Dialog>
  );
}
