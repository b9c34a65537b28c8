/** Removing a login: how (the scopes the login allows), and exactly what goes — each account by name. */
import { useState } from 'react';
import type { LoginView, NetworkView, RemoveScope } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button } from './ui.tsx';
import { Dialog } from './controls.tsx';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';
import type { Translator } from '../../../preload/contract/i18n/translator.ts';
import { useI18n } from '../i18n.ts';

const SCOPE_TEXT: Record<RemoveScope, { title: MessageKey; detail: MessageKey }> = {
  'current-device': { title: 'remove.currentDevice', detail: 'remove.currentDeviceDetail' },
  'all-devices': { title: 'remove.allDevices', detail: 'remove.allDevicesDetail' },
};

/** What goes with the login: its accounts by name when it holds several (Slack workspaces). */
export function removesText(login: LoginView, i18n: Translator): string {
  if (login.accounts.length < 2) return i18n.t('remove.chatsGo');
  return i18n.t('remove.accountsGo', { count: login.accounts.length, names: i18n.list(login.accounts.map((a) => a.label)) });
}

export function RemoveDialog({ network, login, onClose, onRemoved }: { network: NetworkView; login: LoginView; onClose: () => void; onRemoved: () => void }) {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const [scope, setScope] = useState<RemoveScope>(login.removeScopes[0]!);
  const [busy, setBusy] = useState(false);
  const i18n = useI18n();
  const { t } = i18n;
  const remove = async (): Promise<void> => {
    setBusy(true);
    const r = await run((api) => api.removeLogin({ bridgeID: login.bridgeID, loginID: login.loginID, scope }));
    setBusy(false);
    if (r) {
      notify('success', t('remove.removed', { name: login.identity.name, network: network.displayName }));
      onRemoved();
    }
  };
  return (
    <Dialog
      title={t('remove.title', { name: login.identity.name })}
      open
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('remove.keep')}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {t(SCOPE_TEXT[scope].title)}
          </Button>
        </>
      }
    >
      <p>
        {network.displayName} · <bdi>{login.identity.detail ?? login.identity.name}</bdi>
      </p>
      <fieldset className="choices">
        <legend>{t('remove.how')}</legend>
        {login.removeScopes.map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            <span>
              <strong>{t(SCOPE_TEXT[s].title)}</strong>
              <span className="muted">{t(SCOPE_TEXT[s].detail)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{removesText(login, i18n)} {t('remove.later')}</p>
    </Dialog>
  );
}
