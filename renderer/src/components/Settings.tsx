/** Settings: the desktop shell's behaviour, where Beeper Desktop is, the sign-in's storage, updates. */
import { useState, type SubmitEvent } from 'react';
import { TOGGLE_KEYS, TOGGLE_SETTINGS, type ToggleKey } from '../../../preload/contract/settings.ts';
import type { SettingsView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button } from './ui.tsx';
import { ConfirmInline, Dialog } from './controls.tsx';
import { LANGUAGES, LANGUAGE_NAMES, type LanguageSetting } from '../../../preload/contract/i18n/locales.ts';
import { useI18n } from '../i18n.ts';

function UpdatesSection() {
  const updater = useApp((s) => s.updater);
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  if (!updater) return null;
  return (
    <section aria-labelledby="updates-title" className="settings-section">
      <h3 id="updates-title">{t('settings.updates')}</h3>
      <p className="small">
        {t('settings.version', { version: updater.currentVersion })} <span role="status">{updater.summary}</span>
      </p>
      <div className="actions">
        {updater.status === 'ready' ? (
          <Button variant="primary" onClick={() => void run((api) => api.restartToUpdate())}>
            {t('banner.restartToUpdate')}
          </Button>
        ) : updater.status === 'unsupported' ? (
          updater.downloadURL && (
            <a href={updater.downloadURL} target="_blank" rel="noopener noreferrer">
              {t('settings.download')}
            </a>
          )
        ) : (
          <Button busy={updater.status === 'checking'} disabled={updater.status === 'downloading' || updater.status === 'available'} onClick={() => void run((api) => api.checkForUpdates())}>
            {t('settings.checkUpdates')}
          </Button>
        )}
      </div>
    </section>
  );
}

type PendingKey = ToggleKey | 'allowPlaintextToken' | 'language';
type Pending = Partial<Record<ToggleKey | 'allowPlaintextToken', boolean>> & { language?: LanguageSetting };
type Save = <K extends PendingKey>(key: K, value: NonNullable<Pending[K]>, call: () => Promise<unknown>) => void;

/**
 * A checkbox shows what was clicked while the change travels to main and back, instead of snapping
 * back to the old value until the pushed settings arrive.
 */
function usePending(): { pending: Pending; save: Save } {
  const [pending, setPending] = useState<Pending>({});
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

/**
 * The language: the system's (named in its own words, since the person reading may not read the
 * current one), or one of the catalogues. Applies at once; the window re-renders where it is.
 */
function LanguageField({ settings, pending, save }: { settings: SettingsView; pending: Pending; save: Save }) {
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  const choose = (language: LanguageSetting): void => save('language', language, () => run((api) => api.updateSettings({ language })));
  return (
    <div className="field">
      <label htmlFor="settings-language">{t('settings.language')}</label>
      <select id="settings-language" value={pending.language ?? settings.language} onChange={(e) => choose(e.target.value as LanguageSetting)}>
        <option value="system">{t('settings.languageSystem')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AppSection({ settings, pending, save }: { settings: SettingsView; pending: Pending; save: Save }) {
  const capabilities = useApp((s) => s.capabilities);
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  const toggle = (key: ToggleKey, value: boolean): void => {
    const patch: Partial<Pick<SettingsView, ToggleKey>> = { [key]: value };
    save(key, value, () => run((api) => api.updateSettings(patch)));
  };
  return (
    <section aria-labelledby="app-title" className="settings-section">
      <h3 id="app-title">{t('settings.app')}</h3>
      <LanguageField settings={settings} pending={pending} save={save} />
      {/* A switch that could do nothing here (a development build, a browser) is not shown. */}
      {TOGGLE_KEYS.filter((key) => capabilities[TOGGLE_SETTINGS[key].needs]).map((key) => {
        const { label, hint } = TOGGLE_SETTINGS[key];
        return (
        <label key={key} className="toggle">
          <input type="checkbox" checked={pending[key] ?? settings[key]} onChange={(e) => toggle(key, e.target.checked)} />
          <span>
            {t(label)}
            {hint && <span className="muted small">{t(hint)}</span>}
          </span>
        </label>
        );
      })}
    </section>
  );
}

function DesktopSection({ settings }: { settings: SettingsView }) {
  const connection = useApp((s) => s.connection);
  const run = useApp((s) => s.run);
  const [address, setAddress] = useState(settings.baseURL ?? '');
  const { t } = useI18n();
  const saveAddress = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    void run((api) => api.setServerAddress({ baseURL: address.trim() || null }));
  };
  return (
    <section aria-labelledby="desktop-title" className="settings-section">
      <h3 id="desktop-title">{t('settings.desktop')}</h3>
      <form className="inline-form" onSubmit={saveAddress}>
        <label htmlFor="settings-address">{t('connect.apiAddress')}</label>
        <div className="inline-row">
          <input id="settings-address" type="url" inputMode="url" placeholder={t('settings.findAutomatically')} value={address} onChange={(e) => setAddress(e.target.value)} />
          <Button type="submit">{t('common.save')}</Button>
        </div>
        <p className="muted small">{connection?.baseURL ? t('settings.connectedTo', { url: connection.baseURL }) : t('settings.notConnected')} {t('settings.emptyFinds')}</p>
      </form>
    </section>
  );
}

function SignInSection({ settings, pending, save }: { settings: SettingsView; pending: Pending; save: Save }) {
  const auth = useApp((s) => s.auth);
  const run = useApp((s) => s.run);
  const storage = auth?.storage;
  const { t } = useI18n();
  if (auth?.status !== 'signed-in' || !storage) return null;
  const consent = (allow: boolean): void => save('allowPlaintextToken', allow, () => run((api) => api.setPlaintextConsent({ allow })));
  return (
    <section aria-labelledby="signin-title" className="settings-section">
      <h3 id="signin-title">{t('settings.signIn')}</h3>
      <p className="small">
        {t(auth.source === 'manual' ? 'settings.viaToken' : 'settings.viaApproval')} {storage.summary}
      </p>
      {(storage.needsConsent || storage.backend === 'plaintext') && (
        <label className="toggle">
          <input type="checkbox" checked={pending.allowPlaintextToken ?? settings.allowPlaintextToken} onChange={(e) => consent(e.target.checked)} />
          <span>
            {t('settings.keepUnencrypted')}
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
  const { t } = useI18n();
  return (
    <ConfirmInline
      ask={t('settings.disconnectAsk')}
      question={t('settings.disconnectQuestion')}
      keep={t('settings.keepConnected')}
      confirm={t('settings.disconnect')}
      onConfirm={() => run((api) => api.signOut())}
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
  const { t } = useI18n();
  const copy = async (): Promise<void> => {
    const report = await run((api) => api.diagnostics());
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      notify('success', t('settings.diagnosticsCopied'));
    } catch {
      notify('error', t('settings.diagnosticsCopyFailed'));
    }
  };
  const save = async (): Promise<void> => {
    if (shell) {
      const r = await run((api) => api.saveDiagnostics());
      if (r?.saved) notify('success', t('settings.diagnosticsSaved'));
      return;
    }
    const report = await run((api) => api.diagnostics());
    if (report) download(report.fileName, report.text);
  };
  return (
    <section aria-labelledby="help-title" className="settings-section">
      <h3 id="help-title">{t('settings.help')}</h3>
      <p className="small muted">{t('settings.helpHint')}</p>
      <div className="actions">
        <Button onClick={() => void copy()}>{t('settings.copyDiagnostics')}</Button>
        <Button onClick={() => void save()}>{t('settings.saveDiagnostics')}</Button>
        {shell && <Button onClick={() => void run((api) => api.openLogs())}>{t('settings.openLogs')}</Button>}
      </div>
    </section>
  );
}

/** What this app remembers of each account (its details' timeline): forgotten on request. */
function HistorySection() {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const { t } = useI18n();
  const clear = async (): Promise<void> => {
    const done = await run(async (api) => {
      await api.clearHistory();
      return true;
    });
    if (!done) return;
    useApp.setState((st) => ({ historyCleared: st.historyCleared + 1 }));
    notify('success', t('settings.cleared'));
  };
  return (
    <section aria-labelledby="history-title" className="settings-section">
      <h3 id="history-title">{t('settings.history')}</h3>
      <p className="small muted">{t('settings.historyHint')}</p>
      <ConfirmInline ask={t('settings.clearAsk')} question={t('settings.clearQuestion')} keep={t('settings.clearKeep')} confirm={t('settings.clear')} onConfirm={clear} />
    </section>
  );
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useApp((s) => s.settings);
  const { pending, save } = usePending();
  const { t } = useI18n();
  if (!settings) return null;
  return (
    <Dialog
      title={t('settings.title')}
      open
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('common.done')}
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
