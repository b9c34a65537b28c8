/** Settings: the desktop shell's behaviour, where Beeper Desktop is, the sign-in's storage, updates. */
import { useState, type SubmitEvent } from 'react';
import type { SettingsView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button, Dialog } from './ui.tsx';

type ShellToggle = 'closeToTray' | 'startAtLogin' | 'startMinimized' | 'notifications';

const TOGGLES: Array<{ key: ShellToggle; label: string; hint: string }> = [
  { key: 'notifications', label: 'Notify me when an account needs to log in again', hint: 'One notification each time an account stops working.' },
  { key: 'closeToTray', label: 'Keep running in the tray when the window is closed', hint: 'The tray menu can reconnect accounts and tells you when one needs attention.' },
  { key: 'startAtLogin', label: 'Start when I log in to this computer', hint: 'It starts in the tray.' },
  { key: 'startMinimized', label: 'Start in the tray instead of opening the window', hint: '' },
];

function UpdatesSection() {
  const updater = useApp((s) => s.updater);
  const run = useApp((s) => s.run);
  if (!updater) return null;
  const status: Record<typeof updater.status, string> = {
    idle: 'Updates are checked automatically.',
    checking: 'Checking for updates…',
    available: `Version ${updater.version ?? ''} is available and downloading.`,
    downloading: `Downloading version ${updater.version ?? ''}… ${Math.round(updater.percent ?? 0)}%`,
    ready: `Version ${updater.version ?? ''} is ready to install.`,
    'up-to-date': 'You have the latest version.',
    error: updater.message ?? 'Checking for updates failed.',
    unsupported: updater.message ?? 'This build does not update itself.',
  };
  return (
    <section aria-labelledby="updates-title" className="settings-section">
      <h3 id="updates-title">Updates</h3>
      <p className="small">
        Beeper Account Manager {updater.currentVersion}. <span role="status">{status[updater.status]}</span>
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

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useApp((s) => s.settings);
  const auth = useApp((s) => s.auth);
  const connection = useApp((s) => s.connection);
  const shell = useApp((s) => s.capabilities.desktopShell);
  const startAtLogin = useApp((s) => s.capabilities.startAtLogin);
  const run = useApp((s) => s.run);
  const [address, setAddress] = useState(settings?.baseURL ?? '');
  // A checkbox shows what was clicked while the change travels to main and back, instead of
  // snapping back to the old value until the pushed settings arrive.
  const [pending, setPending] = useState<Partial<Record<ShellToggle | 'allowPlaintextToken', boolean>>>({});
  if (!settings) return null;
  const save = async (key: ShellToggle | 'allowPlaintextToken', value: boolean, call: () => Promise<unknown>): Promise<void> => {
    setPending((p) => ({ ...p, [key]: value }));
    await call();
    setPending((p) => {
      const next = { ...p };
      delete next[key];
      return next;
    });
  };
  const toggle = (key: ShellToggle, value: boolean): void => {
    const patch: Partial<Pick<SettingsView, ShellToggle>> = { [key]: value };
    void save(key, value, () => run('save the setting', (api) => api.updateSettings(patch)));
  };
  const saveAddress = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    void run('use that address', (api) => api.setServerAddress({ baseURL: address.trim() || null }));
  };
  const storage = auth?.storage;
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
      {shell && (
        <section aria-labelledby="app-title" className="settings-section">
          <h3 id="app-title">App</h3>
          {/* A switch that could do nothing here (a development build) is not shown. */}
          {TOGGLES.filter((t) => t.key !== 'startAtLogin' || startAtLogin).map((t) => (
            <label key={t.key} className="toggle">
              <input type="checkbox" checked={pending[t.key] ?? settings[t.key]} onChange={(e) => toggle(t.key, e.target.checked)} />
              <span>
                {t.label}
                {t.hint && <span className="muted small">{t.hint}</span>}
              </span>
            </label>
          ))}
        </section>
      )}
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
      {auth?.status === 'signed-in' && storage && (
        <section aria-labelledby="signin-title" className="settings-section">
          <h3 id="signin-title">Sign-in</h3>
          <p className="small">
            {auth.source === 'manual' ? 'Connected with an access token.' : 'Connected through Beeper Desktop’s approval page.'}{' '}
            {storage.backend === 'memory'
              ? 'It is kept only until you quit.'
              : storage.backend === 'plaintext'
                ? 'It is stored unencrypted, as you allowed.'
                : `It is stored encrypted (${storage.backend}).`}
          </p>
          {(storage.needsConsent || storage.backend === 'plaintext') && (
            <label className="toggle">
              <input
                type="checkbox"
                checked={pending.allowPlaintextToken ?? settings.allowPlaintextToken}
                onChange={(e) => {
                  const allow = e.target.checked;
                  void save('allowPlaintextToken', allow, () => run('save the setting', (api) => api.setPlaintextConsent({ allow })));
                }}
              />
              <span>
                Keep me signed in without encryption
                <span className="muted small">{storage.reason}</span>
              </span>
            </label>
          )}
        </section>
      )}
      <UpdatesSection />
    </Dialog>
  );
}
