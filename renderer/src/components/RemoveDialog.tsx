/** Removing a login: how (the scopes the login allows), and exactly what goes — each account by name. */
import { useState } from 'react';
import type { LoginView, NetworkView, RemoveScope } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';
import { Button, Dialog, listText } from './ui.tsx';

const SCOPE_TEXT: Record<RemoveScope, { title: string; detail: string }> = {
  'current-device': {
    title: 'Remove from this device',
    detail: 'Beeper on this computer stops using this account. It stays signed in on your phone and on other devices.',
  },
  'all-devices': {
    title: 'Log out everywhere',
    detail: 'Signs this account out of Beeper on all your devices.',
  },
};

/** What goes with the login: its accounts by name when it holds several (Slack workspaces). */
export function removesText(login: LoginView): string {
  if (login.accounts.length < 2) return 'Its chats disappear from Beeper.';
  return `This removes its ${login.accounts.length} accounts — ${listText(login.accounts.map((a) => a.label))} — with their chats in Beeper.`;
}

export function RemoveDialog({ network, login, onClose, onRemoved }: { network: NetworkView; login: LoginView; onClose: () => void; onRemoved: () => void }) {
  const run = useApp((s) => s.run);
  const notify = useApp((s) => s.notify);
  const [scope, setScope] = useState<RemoveScope>(login.removeScopes[0]!);
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    const r = await run('remove the account', (api) => api.removeLogin({ bridgeID: login.bridgeID, loginID: login.loginID, scope }));
    setBusy(false);
    if (r) {
      notify('success', `${login.identity.name} was removed from ${network.displayName}.`);
      onRemoved();
    }
  };
  return (
    <Dialog
      title={`Remove ${login.identity.name}?`}
      open
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {SCOPE_TEXT[scope].title}
          </Button>
        </>
      }
    >
      <p>
        {network.displayName} · {login.identity.detail ?? login.identity.name}
      </p>
      <fieldset className="choices">
        <legend>How?</legend>
        {login.removeScopes.map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            <span>
              <strong>{SCOPE_TEXT[s].title}</strong>
              <span className="muted">{SCOPE_TEXT[s].detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{removesText(login)} You can connect it again later.</p>
    </Dialog>
  );
}
